-- A selection's meetings: the id is stable (calendar entries are keyed by it); sequence rises with each change
-- and with the cancellation, and a start needs every member told of the current one.
create table meeting (
    id            uuid primary key,
    selection_id  uuid        not null references selection (id),
    title         text        not null,
    starts_at     timestamptz not null,
    ends_at       timestamptz not null,
    location      text        not null,
    sequence      integer     not null,
    status        text        not null,
    cancel_reason text,
    created_by    text        not null,
    created_at    timestamptz not null,
    changed_at    timestamptz,
    cancelled_at  timestamptz,
    started_by    text,
    started_at    timestamptz
);
create index meeting_selection on meeting (selection_id, starts_at);

-- Nominations and the shortlist: one row per selection once any of it has happened.
create table selection_timetable (
    selection_id          uuid primary key references selection (id),
    nominations_opened_at timestamptz,
    nominations_closed_at timestamptz,
    shortlisted_at        timestamptz,
    shortlisted_by        text,
    shortlist             text
);

-- Deliveries now say which meeting (and which version of it) they told of, and a permanent bounce reported
-- later takes a delivery out of the gate's count.
alter table notice_delivery add column meeting_id uuid;
alter table notice_delivery add column sequence integer;
alter table notice_delivery add column bounced_at timestamptz;
create index notice_delivery_meeting on notice_delivery (meeting_id, sequence) where meeting_id is not null;

-- An override is leave to start a ballot or a meeting without every member told.
alter table notice_override drop constraint notice_override_ballot_id_fkey;
alter table notice_override rename column ballot_id to subject_id;
alter table notice_override add column subject text not null default 'ballot';
alter table notice_override alter column subject drop default;
