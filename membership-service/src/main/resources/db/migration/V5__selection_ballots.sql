-- Ballots of each selection as ballot-service announces them (BallotOpened, BallotClosed): a member's contact
-- change alerts their previous address only while a ballot of a selection they are on is not finished.
create table selection_ballot (
    ballot_id    text primary key,
    selection_id text        not null,
    opened_at    timestamptz not null,
    closed_at    timestamptz
);
create index selection_ballot_selection on selection_ballot (selection_id);
