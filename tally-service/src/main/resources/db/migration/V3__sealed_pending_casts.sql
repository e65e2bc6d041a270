-- Held casts are sealed: someone reading this table during the ballot must not see tokens (each names its tracker,
-- so its vote's place on the record) in the order they came. The cast is sealed with the service's key file
-- (KeyVault, AES-256-GCM, context "held-cast:" || ballot_id) and de-duplicated by a keyed hash of its token
-- (KeyVault.mac, HMAC-SHA-256, context "cast-token:" || ballot_id), which only the key file's holder can compute.
-- Casts held in clear by the earlier version cannot be sealed here (the key is not in the database) and are dropped:
-- upgrade while no ballot is open, or with ./selectorate up --fresh.
drop table pending_cast;

create table pending_cast (
    ballot_id  text  not null references tally_ballot (id),
    token_mac  bytea not null, -- HMAC-SHA-256 of the canonical token
    sealed     bytea not null, -- the cast's JSON, padded to the ballot's longest vote, sealed
    primary key (ballot_id, token_mac)
);
