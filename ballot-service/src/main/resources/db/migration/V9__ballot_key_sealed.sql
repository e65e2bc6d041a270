-- A ballot's private credential key is kept sealed (KeyVault: AES-256-GCM under a key file outside the database,
-- bound to the ballot), and its row is deleted when the ballot closes. Keys stored in clear before this do not open:
-- a database from before it is not upgraded in place (./selectorate up --fresh).
alter table ballot_key rename column pkcs8 to sealed_pkcs8;

-- A closed ballot signs nothing more: its key has done its job.
delete from ballot_key where ballot_id in (select id from ballot where status = 'CLOSED');
