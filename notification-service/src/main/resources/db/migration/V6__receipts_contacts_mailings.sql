-- Member mail beyond ballots: contact-change alerts, receipts and candidate mailings share the member_alert queue.
alter table member_alert alter column ballot_id drop not null;
alter table member_alert add column selection_id text;
-- A candidate mailing's rows hold no body: it is rendered at send time from the mailing, with the recipient's own
-- signed unsubscribe link.
alter table member_alert add column mailing_id uuid;
alter table member_alert add column membership_number text;
-- Access-code alerts: hex SHA-256 of (ballot id, normalised code), so a receipt asked for with the code reaches the
-- address the code was sent to. The code itself is not kept.
alter table member_alert add column code_hash text;
create index member_alert_code_hash on member_alert (code_hash) where code_hash is not null;

-- A receipt a voter asked for: held until the tracker is on the record, then queued as mail and the tracker erased.
create table receipt (
    id              bigserial primary key,
    access_alert_id bigint      not null unique references member_alert (id),
    ballot_id       text        not null,
    tracker         text,
    requested_at    timestamptz not null,
    queued_at       timestamptz,
    alert_id        bigint references member_alert (id)
);
create index receipt_waiting on receipt (ballot_id, tracker) where tracker is not null;

-- Trackers on each ballot's public record (public data, from EntriesRecorded).
create table recorded_tracker (
    ballot_id text not null,
    tracker   text not null,
    primary key (ballot_id, tracker)
);

-- Candidate mailings: each selection's terms and area (MailingRules), its candidates and who acts for them
-- (CandidateNominated, CandidateWithdrawn), its frozen roll (RollFrozen, RollEntries), the mailings sent and
-- the electors who unsubscribed.
create table mailing_selection (
    selection_id     text primary key,
    region           text    not null,
    constituency     text    not null,
    rulebook_version integer not null,
    quota            integer not null,
    period_days      integer not null
);

create table mailing_candidate (
    candidate_id text primary key,
    selection_id text not null,
    name         text not null,
    account      text,
    agents       text not null,
    withdrawn_at timestamptz
);
create index mailing_candidate_selection on mailing_candidate (selection_id);

create table mailing_roll (
    selection_id text    not null,
    version      integer not null,
    chunks       integer not null,
    electorate   bigint  not null,
    primary key (selection_id, version)
);

create table mailing_roll_chunk (
    selection_id text    not null,
    version      integer not null,
    chunk        integer not null,
    primary key (selection_id, version, chunk)
);

create table roll_elector (
    selection_id      text    not null,
    version           integer not null,
    membership_number text    not null,
    email             text    not null,
    primary key (selection_id, version, membership_number)
);

create table mailing (
    id             uuid primary key,
    selection_id   text        not null,
    candidate_id   text        not null,
    candidate_name text        not null,
    sent_by        text        not null,
    sent_at        timestamptz not null,
    subject        text        not null,
    body           text        not null,
    roll_version   integer     not null,
    recipients     integer     not null
);
create index mailing_candidate_sent on mailing (candidate_id, sent_at);
create index mailing_selection_sent on mailing (selection_id, sent_at);

create table mailing_unsubscribe (
    selection_id      text        not null,
    membership_number text        not null,
    unsubscribed_at   timestamptz not null,
    primary key (selection_id, membership_number)
);
