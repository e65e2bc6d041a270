-- How long before a ballot opens every committee member must have been told of it (0: told at all).
alter table rulebook add column notice_lead_hours integer not null default 0;

-- Deliveries of timetable notices, as notification-service reports them (NoticeDelivered).
create table notice_delivery (
    notice_id    text primary key,
    selection_id uuid        not null,
    member_id    uuid        not null,
    kind         text        not null,
    delivered_at timestamptz not null
);
create index notice_delivery_selection on notice_delivery (selection_id, kind);

-- Opening without every member told: an admin records why, a scrutineer co-signs; only then does it count.
create table notice_override (
    ballot_id   uuid primary key references ballot (id),
    reason      text        not null,
    recorded_by text        not null,
    recorded_at timestamptz not null,
    cosigned_by text,
    cosigned_at timestamptz
);
