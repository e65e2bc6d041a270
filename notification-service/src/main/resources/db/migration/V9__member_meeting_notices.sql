-- Branch meetings are notified to members as well as to the committee. The frozen roll keeps each elector's branch
-- (from RollEntries), so a branch meeting's notice reaches its branch's electors only. Rows stored before this have
-- no branch: a branch meeting's notice reaches none of them, a meeting open to every elector reaches them all.
alter table roll_elector add column branch text;

-- Each meeting as it now stands (its latest step), with the members' notice rendered once: sent to the electors of
-- the latest complete roll when the step arrives, or when a roll version completes (to those not yet sent it).
create table member_meeting (
    meeting_id   text primary key,
    selection_id text        not null,
    sequence     integer     not null,
    kind         text        not null,
    branch       text,
    starts_at    timestamptz not null,
    subject      text        not null,
    body         text        not null,
    meeting      text        not null
);
create index member_meeting_selection on member_meeting (selection_id);

-- A meeting notice in the member mail queue names its meeting and sequence, and carries the meeting (JSON) for the
-- invitation written at send. One per elector per meeting sequence, whatever is redelivered or re-frozen.
alter table member_alert add column meeting_id text;
alter table member_alert add column meeting_sequence integer;
alter table member_alert add column meeting text;
create unique index member_alert_meeting on member_alert (meeting_id, meeting_sequence, membership_number)
    where meeting_id is not null;
