-- A constituency's units (its branches and affiliates) and the affiliates' authorised officers, as learnt from
-- membership-service's events; meetings and affiliates' returns are held to them.
create table known_branch (
    code         text primary key,
    name         text        not null,
    constituency text        not null,
    learnt_at    timestamptz not null
);
create index known_branch_constituency on known_branch (constituency);

create table known_affiliate (
    code         text primary key,
    name         text        not null,
    constituency text        not null,
    kind         text        not null,
    learnt_at    timestamptz not null
);
create index known_affiliate_constituency on known_affiliate (constituency);

-- Current officers only: a removal deletes the row (membership-service keeps who held office, and when).
create table known_affiliate_officer (
    affiliate    text        not null references known_affiliate (code),
    username     text        not null,
    name         text        not null,
    email        text        not null,
    learnt_at    timestamptz not null,
    primary key (affiliate, username)
);
