-- A ballot is the selection's final ballot (published as it runs) or a vote at a meeting, whose record is cast and
-- kept the same way but withheld until ballot-service releases it (BallotReleased: the step it belongs to has
-- closed). Rows from before meeting ballots are final ballots.
alter table tally_ballot add column kind text not null default 'final'
    check (kind in ('final', 'meeting'));
alter table tally_ballot add column meeting_id text;
-- Null until released (and always for a final ballot); 'full', or 'totals-only' when fewer voted than the rulebook's
-- minimum: then only the count's totals are ever published, never the entries.
alter table tally_ballot add column release text
    check (release is null or (kind = 'meeting' and release in ('full', 'totals-only')));
alter table tally_ballot add column released_step text;
alter table tally_ballot add column released_at timestamptz;
