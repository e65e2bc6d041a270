-- The final ballot's channels and count (rulebook), electors' postal address, postal packs and issued papers.

-- Null on a rulebook made before (or without) them: online only, AV for one seat, published as before.
alter table rulebook add column channel_postal boolean;
alter table rulebook add column channel_in_person boolean;
alter table rulebook add column postal_marks text;
alter table rulebook add column count_method text;
alter table rulebook add column seats integer;

-- The postal address held at the freeze; null for a member without one (and electors received before V21).
alter table elector add column address text;

-- A postal pack issued to a member: its declaration number (printed on the declaration) and what became of it.
-- Never the paper number: that is only in paper_set, as a digest, beside no member. Days only, never times.
create table postal_pack (
    id                 uuid primary key,
    ballot_id          uuid not null references ballot (id),
    membership_number  text not null,
    declaration_number text not null unique,
    issued_on          date not null,
    -- issued | cancelled | accepted | rejected
    status             text not null,
    reason             text,
    returned_on        date
);
-- One live pack per member and ballot; a cancelled one may be replaced.
create unique index postal_pack_live on postal_pack (ballot_id, membership_number) where status <> 'cancelled';

-- Issued papers as one row per ballot, channel and set (issued, replaced, rejected) holding the papers' digests
-- sorted: no row per paper, so the table has no insertion order from which to read the order of issuance.
create table paper_set (
    ballot_id uuid not null references ballot (id),
    channel   text not null,
    kind      text not null,
    digests   text[] not null,
    primary key (ballot_id, channel, kind)
);

-- Ballots issued per UTC hour (all channels): a count, never who, for the close's burst flag. Each issuance adds
-- one to one of a few shards of its hour, so concurrent issuances do not queue on one row.
create table issuance_hour (
    ballot_id uuid not null references ballot (id),
    hour      text not null,
    shard     smallint not null,
    issued    bigint not null,
    primary key (ballot_id, hour, shard)
);
