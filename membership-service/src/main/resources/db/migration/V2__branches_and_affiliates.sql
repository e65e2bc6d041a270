create table branch (
    code         text primary key,
    name         text        not null,
    constituency text        not null references constituency (code),
    created_at   timestamptz not null
);
create index branch_constituency on branch (constituency);

create table affiliate (
    code         text primary key,
    name         text        not null,
    constituency text        not null references constituency (code),
    kind         text        not null check (kind in ('union', 'society')),
    created_at   timestamptz not null
);
create index affiliate_constituency on affiliate (constituency);
