-- Constituencies as learnt from membership-service's events; selections are opened against them.
create table known_constituency (
    code       text primary key,
    name       text        not null,
    region     text        not null,
    learnt_at  timestamptz not null,
    -- how many distinct events changed this row: an event applied twice would show here
    revisions  integer     not null
);
