-- Events a consumer could not read, set aside with the reason instead of stopping its channel. The inbox row
-- written with each keeps a redelivery from being tried again.
create table dead_letter_event (
    event_id    text        not null,
    consumer    text        not null,
    type        text        not null,
    payload     text        not null,
    reason      text        not null,
    received_at timestamptz not null,
    primary key (event_id, consumer)
);
