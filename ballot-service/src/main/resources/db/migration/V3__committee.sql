-- A selection's committee: everyone here is sent every timetable notice of the selection. A removed member
-- keeps their row (removed_at set), so the notices they were sent can still be attributed.
create table committee_member (
    id           uuid primary key,
    selection_id uuid        not null references selection (id),
    name         text        not null,
    email        text        not null,
    role         text        not null,
    webhook      text,
    appointed_by text        not null,
    appointed_at timestamptz not null,
    removed_at   timestamptz
);
create index committee_member_selection on committee_member (selection_id) where removed_at is null;
create unique index committee_member_email on committee_member (selection_id, lower(email)) where removed_at is null;
