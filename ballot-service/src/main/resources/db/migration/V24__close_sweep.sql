-- A ballot closed by the timetable leaves its sweep (its access codes' hashes deleted, its marked register and postal
-- packs rewritten in membership-number order) to a second transaction, so a round's closes reach tally-service
-- before any ballot's sweep; sweep_due marks one not done yet. Closes by a person sweep in their own transaction.
alter table ballot add column sweep_due boolean not null default false;
create index ballot_sweep_due on ballot (id) where sweep_due;
