-- The record writer no longer counts: it signs a ballot's final head and marks its count due, and the counters
-- (several at once, on every replica) claim due counts with "for update skip locked".
alter table tally_ballot add column count_due boolean not null default false;
create index tally_ballot_count_due on tally_ballot (closed_at) where count_due;
