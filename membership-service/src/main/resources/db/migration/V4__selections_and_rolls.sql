-- Selections as ballot-service announced them: the freeze rule comes from their rulebook.
create table selection (
    id                 text primary key,
    constituency       text        not null,
    region             text        not null,
    title              text        not null,
    freeze_date        date        not null,
    minimum_months     int         not null,
    arrears_disqualify boolean     not null,
    rulebook_version   int         not null,
    learnt_at          timestamptz not null
);

-- One row per roll version; leaf_hashes is the 32-byte RFC 9162 leaf hashes in leaf order, so a
-- member's inclusion proof needs one read, not one per entry.
create table roll_version (
    selection_id       text        not null references selection (id),
    version            int         not null,
    freeze_date        date        not null,
    minimum_months     int         not null,
    arrears_disqualify boolean     not null,
    electorate         bigint      not null,
    merkle_root        text        not null,
    per_branch         text        not null,
    changed            bigint      not null,
    leaf_hashes        bytea       not null,
    frozen_at          timestamptz not null,
    frozen_by          text        not null,
    primary key (selection_id, version)
);

create table roll_entry (
    selection_id      text not null,
    version           int  not null,
    leaf_index        int  not null,
    membership_number text not null,
    name              text not null,
    email             text not null,
    branch            text not null,
    primary key (selection_id, version, leaf_index),
    foreign key (selection_id, version) references roll_version (selection_id, version)
);
create unique index roll_entry_member on roll_entry (selection_id, version, membership_number);

-- A post-freeze change: proposed by an admin, applied only when a different person, a scrutineer, approves.
create table roll_change (
    id                uuid primary key,
    selection_id      text        not null references selection (id),
    action            text        not null check (action in ('add', 'remove')),
    membership_number text        not null,
    reason            text        not null,
    base_version      int         not null,
    status            text        not null check (status in ('pending', 'approved')),
    proposed_by       text        not null,
    proposed_at       timestamptz not null,
    approved_by       text,
    approved_at       timestamptz,
    result_version    int
);
create index roll_change_selection on roll_change (selection_id);
