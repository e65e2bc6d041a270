-- The service's audit chain: every state-changing admin action, in order (org.selectorate.support.audit.AuditTrail).
-- details is the RFC 8785 JSON of who, what, before/after (or their hashes), reason, co-signer and the time to the
-- second; hash chains each entry to the one before and signature is the service's Ed25519 signature of the head.
-- The scope columns let an export show a reader their area's entries and withhold the rest.
create table audit_entry (
    seq          bigint primary key,
    region       text,
    constituency text,
    selection_id text,
    details      text not null,
    previous     text not null unique,
    hash         text not null unique,
    signature    text not null
);
create index audit_entry_selection on audit_entry (selection_id) where selection_id is not null;

-- Append-only. The chain detects a change made around this (by an owner who drops the trigger); this stops the rest.
create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only';
end
$$;
create trigger audit_entry_append_only before update or delete or truncate on audit_entry
    for each statement execute function audit_entry_append_only();

-- The service's audit key pair: the public key as published (base64url), the private key sealed by KeyVault
-- (context audit-key:<service>, base64) with the key file outside the database.
create table audit_key (
    service    text primary key,
    public_key text not null,
    sealed_key text not null
);
