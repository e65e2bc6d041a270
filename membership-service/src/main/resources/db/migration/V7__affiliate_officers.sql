-- An affiliate's authorised officers: the people who enter and confirm its returns. A removal keeps the row, so
-- who could act for the affiliate, and when, stays answerable; a person is a current officer at most once.
create table affiliate_officer (
    id           uuid primary key,
    affiliate    text        not null references affiliate (code),
    -- the officer's Keycloak username (the token's preferred_username), as the caller package names people
    username     text        not null,
    display_name text        not null,
    email        text        not null,
    added_by     text        not null,
    added_at     timestamptz not null,
    removed_by   text,
    removed_at   timestamptz
);
create unique index affiliate_officer_current on affiliate_officer (affiliate, username) where removed_at is null;

-- Branches and affiliates made before their events existed are announced once, after their constituency's
-- event (same key), so ballot-service learns every unit whenever it was made.
insert into outbox_event (event_id, topic, event_key, type, payload, created_at)
select gen_random_uuid(), 'selectorate.organisation', b.constituency, 'org.selectorate.organisation.BranchCreated',
       jsonb_build_object('code', b.code, 'name', b.name, 'constituency', b.constituency, 'region', c.region)::text,
       now()
from branch b join constituency c on c.code = b.constituency
order by b.constituency, b.code;

insert into outbox_event (event_id, topic, event_key, type, payload, created_at)
select gen_random_uuid(), 'selectorate.organisation', a.constituency, 'org.selectorate.organisation.AffiliateCreated',
       jsonb_build_object('code', a.code, 'name', a.name, 'constituency', a.constituency, 'region', c.region,
                          'kind', a.kind)::text,
       now()
from affiliate a join constituency c on c.code = a.constituency
order by a.constituency, a.code;
