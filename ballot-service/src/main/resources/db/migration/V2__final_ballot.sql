-- Selections and their versioned rulebooks: a rulebook version is never edited, a change makes a new one.
create table selection (
    id               uuid primary key,
    constituency     text        not null,
    region           text        not null,
    title            text        not null,
    freeze_date      date        not null,
    rulebook_version integer     not null,
    created_by       text        not null,
    created_at       timestamptz not null
);
create index selection_region on selection (region, constituency);

create table rulebook (
    id                 uuid primary key,
    selection_id       uuid        not null references selection (id),
    version            integer     not null,
    minimum_months     integer     not null,
    arrears_disqualify boolean     not null,
    tie_break          text        not null,
    seed               bigint      not null,
    created_at         timestamptz not null,
    unique (selection_id, version)
);

create table candidate (
    id           uuid primary key,
    selection_id uuid        not null references selection (id),
    name         text        not null,
    added_at     timestamptz not null,
    withdrawn_at timestamptz,
    unique (selection_id, name)
);

-- The electorate as delivered by membership-service, per roll version. No foreign key to selection:
-- roll events may arrive before this service has committed the selection they belong to.
create table roll_version (
    id           uuid primary key,
    selection_id uuid        not null,
    version      integer     not null,
    constituency text        not null,
    electorate   bigint      not null,
    chunks       integer     not null,
    merkle_root  text        not null,
    received_at  timestamptz not null,
    unique (selection_id, version)
);

create table roll_chunk (
    id           uuid primary key,
    selection_id uuid        not null,
    version      integer     not null,
    chunk        integer     not null,
    electors     integer     not null,
    received_at  timestamptz not null,
    unique (selection_id, version, chunk)
);

create table elector (
    id                uuid primary key,
    selection_id      uuid    not null,
    version           integer not null,
    membership_number text    not null,
    name              text    not null,
    email             text    not null,
    branch            text    not null,
    unique (selection_id, version, membership_number)
);

create table ballot (
    id             uuid primary key,
    selection_id   uuid        not null unique references selection (id),
    title          text        not null,
    status         text        not null,
    closes_at      timestamptz not null,
    opens_at       timestamptz,
    closed_at      timestamptz,
    -- the names on the paper, one a line (names cannot hold control characters), fixed at opening
    candidates     text,
    roll_version   integer,
    electorate     bigint,
    credential_key text,
    variant        text,
    created_by     text        not null,
    created_at     timestamptz not null
);

-- The ballot's private credential key: read only by the issuer, never returned by any endpoint.
create table ballot_key (
    ballot_id uuid primary key references ballot (id),
    pkcs8     bytea not null
);

-- Only the SHA-256 of each access code is kept; the code itself travels once, in AccessCodeIssued.
create table access_code (
    id         uuid primary key,
    ballot_id  uuid not null references ballot (id),
    code_hash  text not null,
    elector_id uuid not null references elector (id),
    unique (ballot_id, code_hash)
);

-- One row per member who was issued a ballot, whatever the channel: the unique key makes a second
-- issuance impossible even for two requests racing each other.
create table marked_register (
    id                uuid primary key,
    ballot_id         uuid        not null references ballot (id),
    membership_number text        not null,
    channel           text        not null,
    marked_at         timestamptz not null,
    unique (ballot_id, membership_number)
);
