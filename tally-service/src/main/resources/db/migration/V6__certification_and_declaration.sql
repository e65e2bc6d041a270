-- Each selection's region and constituency, from SelectionCreated: whose area a ballot of it is, so a scrutineer or
-- regional admin covering the region may certify or declare it. A selection created before this was kept has no
-- row: then only a token naming the ballot's constituency (or HQ) covers it.
create table selection_area (
    selection_id text primary key,
    region       text not null,
    constituency text not null
);

-- The Ed25519 keys scrutineers sign their decisions with, per token subject. Every registration is kept: the latest
-- is the one a new decision must be signed with, and a decision stores the key it was verified against, so
-- registering a new key (a lost or compromised one) never unsettles what was signed before.
create table scrutineer_key (
    id            bigserial primary key,
    subject       text        not null,
    account       text        not null,
    public_key    text        not null, -- raw Ed25519, base64url
    registered_at timestamptz not null
);
create index scrutineer_key_subject on scrutineer_key (subject, id);

-- A scrutineer's signed decision on a counted final ballot, exactly as signed (Certification's statement). Append
-- only: a refusal may be followed by a later certification (and the reverse, before the declaration); the latest
-- decision is the one that stands and the one the exported record carries.
create table certification_decision (
    id          bigserial primary key,
    ballot_id   text        not null references tally_ballot (id),
    decision    text        not null check (decision in ('certified', 'refused')),
    reasons     text        not null, -- JSON array
    scrutineer  text        not null, -- the account name, as signed
    subject     text        not null, -- the token's subject: who may not also declare
    public_key  text        not null,
    tree_size   bigint      not null,
    root_hash   text        not null,
    signature   text        not null,
    decided_at  timestamptz not null
);
create index certification_decision_ballot on certification_decision (ballot_id, id);

-- The declaration of a certified result: one per ballot, by an admin who did not certify it.
create table result_declaration (
    ballot_id        text        primary key references tally_ballot (id),
    certification_id bigint      not null references certification_decision (id),
    declared_by      text        not null,
    declared_subject text        not null,
    declared_at      timestamptz not null
);
