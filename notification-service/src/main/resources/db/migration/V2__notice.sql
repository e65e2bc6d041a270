-- The committee of each selection, as ballot-service announces it: everyone here is sent every timetable
-- notice. A removed member keeps their row, so their earlier notices stay attributed.
create table committee_seat (
    member_id    text primary key,
    selection_id text        not null,
    name         text        not null,
    email        text        not null,
    role         text        not null,
    appointed_at timestamptz not null,
    removed_at   timestamptz
);
create index committee_seat_selection on committee_seat (selection_id) where removed_at is null;

-- One notice per committee member per timetable event: pending until the SMTP server accepts it
-- (delivered) or the last attempt fails (failed). The acknowledgement link's token is an HMAC of the id,
-- so it is not stored.
create table notice (
    id              uuid primary key,
    selection_id    text        not null,
    ballot_id       text,
    kind            text        not null,
    event_at        timestamptz not null,
    summary         text        not null,
    member_id       text        not null references committee_seat (member_id),
    recipient       text        not null,
    status          text        not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    failed_at       timestamptz,
    last_error      text,
    acknowledged_at timestamptz
);
create index notice_due on notice (next_attempt_at) where status = 'pending';
create index notice_selection on notice (selection_id, created_at);
