-- Candidate mailings (rules of procedure, not published with the count): every candidate may send
-- mailing_quota mailings to the electorate in any mailing_period_days days.
alter table rulebook add column mailing_quota integer not null default 2;
alter table rulebook add column mailing_period_days integer not null default 7;

-- The Keycloak usernames that act for a candidate: their own account and their agents (comma-separated).
alter table candidate add column account text;
alter table candidate add column agents text not null default '';
