-- A constituency's members as last imported; re-import upserts by membership number.
create table member (
    constituency      text        not null references constituency (code),
    membership_number text        not null,
    first_name        text        not null,
    last_name         text        not null,
    email             text        not null,
    phone             text,
    address           text,
    branch            text        not null references branch (code),
    joined            date        not null,
    status            text        not null check (status in ('active', 'lapsed', 'suspended')),
    arrears           boolean     not null,
    updated_at        timestamptz not null,
    primary key (constituency, membership_number)
);
