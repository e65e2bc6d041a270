-- Each constituency's running or latest members import, as the import goes: what an admin console or CLI follows
-- while a large file streams in (GET /constituencies/{code}/members/import). One row per constituency, overwritten
-- by the next import; at most one import of a constituency runs at a time.
create table member_import (
    constituency text        not null primary key references constituency (code),
    state        text        not null check (state in ('running', 'imported', 'refused', 'failed')),
    accept_valid boolean     not null,
    rows_read    integer     not null,
    accepted     integer     not null,
    rejected     integer     not null,
    imported     integer     not null,
    errors       jsonb       not null,
    detail       text,
    file_sha256  text,
    started_at   timestamptz not null,
    updated_at   timestamptz not null
);
