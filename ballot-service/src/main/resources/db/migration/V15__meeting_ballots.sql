-- A vote at a meeting is a ballot like the final one (credentials, anonymous casts, its own record), issued to the
-- meeting's attendees only. The final ballot stays one per selection; a meeting holds one open vote at a time.
alter table ballot add column kind text not null default 'final' check (kind in ('final', 'meeting'));
alter table ballot add column meeting_id uuid references meeting (id);
alter table ballot add constraint ballot_meeting check ((kind = 'meeting') = (meeting_id is not null));
create index ballot_meeting_id on ballot (meeting_id) where meeting_id is not null;
