-- Transactional outbox: events committed with the change that caused them, relayed to Kafka.
create table outbox_event (
    seq          bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    event_key    text        not null,
    type         text        not null,
    payload      text        not null,
    created_at   timestamptz not null,
    published_at timestamptz
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;

-- Idempotent consumers: one row per CloudEvent applied, written in the applying transaction.
create table inbox_event (
    event_id    text        not null,
    consumer    text        not null,
    type        text        not null,
    received_at timestamptz not null,
    primary key (event_id, consumer)
);
