-- Who closed the ballot: the admin's username, or 'timetable' when it closed by itself at closes_at.
-- Ballots closed before this was kept stay null.
alter table ballot add column closed_by text;

-- The timetable's close looks for open ballots past closes_at every few seconds.
create index ballot_open_closes_at on ballot (closes_at) where status = 'OPEN';
