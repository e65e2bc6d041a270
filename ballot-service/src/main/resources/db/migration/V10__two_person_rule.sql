-- The two-person rule: an action one person may not take alone is proposed (with a reason), and done only when a
-- scrutineer who is not the proposer co-signs it, with a reason, in the co-signature's transaction. The proposal is
-- bound to what it proposed and to the state it was proposed in: `canonical` is that, as RFC 8785 JSON, and `digest`
-- its SHA-256; the co-signer names the digest, and a state that has changed since refuses the co-signature.
-- People are compared by their token's subject (`*_subject`), never by the username (`proposed_by`, `decided_by`),
-- which is kept for people to read.
create table proposal (
    id               uuid primary key,
    selection_id     uuid        not null references selection (id),
    kind             text        not null,
    target_id        uuid        not null,
    canonical        text        not null,
    digest           text        not null,
    reason           text        not null,
    proposed_by      text        not null,
    proposer_subject text        not null,
    proposer_role    text        not null,
    proposed_at      timestamptz not null,
    status           text        not null,
    decided_by       text,
    decider_subject  text,
    decider_role     text,
    decision_reason  text,
    decided_at       timestamptz
);
create index proposal_selection on proposal (selection_id, proposed_at);

-- A notice override is a proposal of kind notice-override, granted when co-signed. A meeting's override is bound to
-- the version of the meeting (its sequence) it was recorded for: a changed meeting needs a new one. An override of a
-- ballot has no sequence (a draft ballot does not change). A declined one may be followed by another for the same
-- version, so several rows may stand for one. Overrides recorded before this stay with the meeting's current version.
alter table notice_override drop constraint notice_override_pkey;
alter table notice_override add column id uuid;
update notice_override set id = gen_random_uuid();
alter table notice_override alter column id set not null;
alter table notice_override add primary key (id);
alter table notice_override add column sequence integer;
update notice_override o set sequence = m.sequence from meeting m where o.subject = 'meeting' and m.id = o.subject_id;
create index notice_override_subject on notice_override (subject_id, sequence);
alter table notice_override add column proposal_id uuid references proposal (id);
alter table notice_override add column recorder_subject text;
alter table notice_override add column cosigner_subject text;
