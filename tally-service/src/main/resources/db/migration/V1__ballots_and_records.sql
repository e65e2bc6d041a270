-- A ballot as opened by ballot-service, with its record's Ed25519 tree-head key pair (the private key
-- never leaves this database).
create table tally_ballot (
    id                 text        primary key,
    selection_id       text        not null,
    constituency       text,
    title              text        not null,
    candidates         text        not null, -- JSON array, ballot-paper order
    withdrawn          text        not null, -- JSON array
    method             text        not null,
    tie_break          text        not null,
    seed               bigint      not null,
    credential_key     text        not null, -- RSA SPKI, base64url
    variant            text        not null,
    rulebook           text        not null, -- JSON object, verbatim
    electorate         bigint      not null,
    opens_at           timestamptz,
    closes_at          timestamptz,
    tree_head_private  bytea       not null, -- PKCS#8
    tree_head_public   text        not null, -- raw Ed25519, base64url
    status             text        not null, -- open, closed, counted
    marked_register    text,                 -- JSON object per channel, at close
    closed_at          timestamptz
);

-- Each entry of a ballot's public record, as appended by the partition owner. No time, no address.
create table record_entry (
    id         bigserial primary key,
    ballot_id  text   not null references tally_ballot (id),
    seq        bigint not null,
    channel    text   not null,
    tracker    text   not null,
    vote       text   not null, -- JSON array
    token      text,
    prefix     text,
    signature  text,
    leaf_hash  text   not null,
    unique (ballot_id, seq),
    unique (ballot_id, token),
    unique (ballot_id, tracker)
);

create table tree_head (
    id          bigserial primary key,
    ballot_id   text   not null references tally_ballot (id),
    tree_size   bigint not null,
    root_hash   text   not null,
    chain_hash  text   not null,
    header_hash text   not null,
    signed_at   text   not null, -- the timestamp exactly as signed
    signature   text   not null,
    consistency text   not null, -- JSON array of hex hashes
    unique (ballot_id, tree_size)
);

create table ballot_result (
    ballot_id   text        primary key references tally_ballot (id),
    report      text        not null, -- the counting module's JSON report, as in the record
    elected     text        not null, -- JSON array
    votes       bigint      not null,
    by_channel  text        not null, -- JSON object
    record_root text        not null,
    counted_at  timestamptz not null
);
