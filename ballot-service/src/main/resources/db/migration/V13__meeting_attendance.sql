-- A branch meeting belongs to one branch, fixed when it is scheduled: only that branch's members on the frozen roll
-- may attend it. A meeting with no branch (a hustings) is open to every elector of the selection.
alter table meeting add column branch text;

-- Who attended a meeting: a member once per meeting. No time is kept, and the key is random, so nothing here
-- orders the attendees for anyone to line up against a meeting ballot's credentials.
create table meeting_attendance (
    id                uuid primary key,
    meeting_id        uuid not null references meeting (id),
    membership_number text not null,
    registered_by     text not null,
    unique (meeting_id, membership_number)
);
