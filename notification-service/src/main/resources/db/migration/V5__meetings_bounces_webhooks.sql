-- A member's optional webhook, sent each notice as signed JSON besides the mail.
alter table committee_seat add column webhook text;

-- The meeting a meeting step or notice is about, as ballot-service announced it (JSON of TimetableEvent.Meeting):
-- what the iCalendar attachment is written from.
alter table timetable_step add column meeting text;
alter table notice add column meeting text;

-- Each notice's own Message-ID, so a provider's bounce report can name it; a permanent bounce makes it 'bounced'.
alter table notice add column message_id text;
alter table notice add column bounced_at timestamptz;
alter table notice add column bounce_reason text;
alter table notice add column bounce_permanent boolean;
create unique index notice_message_id on notice (message_id);

-- Each selection's area, from SelectionCreated: who may subscribe webhooks to it.
create table selection_area (
    selection_id text primary key,
    region       text not null,
    constituency text not null
);

-- Integrations' subscriptions to a selection's events. The secret signs every delivery (Standard Webhooks), so it is
-- kept; it is shown once, when the subscription is made. A deletion is recorded, so past deliveries stay attributed.
create table webhook_subscription (
    id           uuid primary key,
    selection_id text        not null,
    url          text        not null,
    events       text        not null,
    secret       text        not null,
    created_by   text        not null,
    created_at   timestamptz not null,
    deleted_at   timestamptz
);
create index webhook_subscription_selection on webhook_subscription (selection_id) where deleted_at is null;

-- One delivery per subscription (or member webhook) per event, written in the transaction that records the event
-- and sent after commit with retries: pending until a 2xx answer (delivered) or the last attempt fails (failed).
create table webhook_delivery (
    id              uuid primary key,
    subscription_id uuid references webhook_subscription (id),
    member_id       text references committee_seat (member_id),
    selection_id    text        not null,
    url             text        not null,
    type            text        not null,
    payload         text        not null,
    status          text        not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    last_status     integer,
    last_error      text,
    delivered_at    timestamptz,
    failed_at       timestamptz,
    check ((subscription_id is null) <> (member_id is null))
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_subscription on webhook_delivery (subscription_id, created_at);
