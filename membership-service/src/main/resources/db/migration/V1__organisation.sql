create table region (
    code       text primary key,
    name       text        not null,
    created_at timestamptz not null
);

create table constituency (
    code       text primary key,
    name       text        not null,
    region     text        not null references region (code),
    created_at timestamptz not null
);
