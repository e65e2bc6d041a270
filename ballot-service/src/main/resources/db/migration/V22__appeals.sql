-- Appeals against a declared result (issue 14). The rulebook's appeal window: null on a rulebook made before it,
-- which reads as the default (7 days) and publishes as it always did.
alter table rulebook add column appeals_window_days integer;

-- When a selection's final ballot was declared (tally-service's ResultDeclared): the appeal window runs from it.
create table result_declaration (
    ballot_id    uuid primary key,
    selection_id uuid        not null,
    elected      text        not null,
    declared_by  text,
    declared_at  timestamptz not null
);

-- An appeal keeps days, not instants, and the appellant only as HQ needs them: a member appellant is never published.
create table appeal (
    id               uuid primary key,
    reference        text        not null unique,
    selection_id     uuid        not null,
    ballot_id        uuid        not null references result_declaration (ballot_id),
    appellant_kind   text        not null check (appellant_kind in ('candidate', 'member')),
    candidate_id     uuid,
    lodged_by        text        not null,
    grounds          text        not null,
    lodged_on        date        not null,
    status           text        not null check (status in ('lodged', 'dismissed', 'upheld')),
    remedy           text check (remedy in ('recount', 're-run')),
    reasons          text,
    decided_by       text,
    decided_on       date,
    recount_elected  text,
    recount_same     boolean,
    recounted_on     date
);
create index appeal_selection on appeal (selection_id);

-- A re-run ordered on appeal annuls the declared final ballot; the selection may then schedule a new one. V19's
-- one final ballot per selection now counts only ballots not annulled.
alter table ballot add column annulled_at timestamptz;
alter table ballot add column annulled_by_appeal uuid;
drop index if exists ballot_final_per_selection;
create unique index ballot_final_per_selection on ballot (selection_id) where kind = 'final' and annulled_at is null;
