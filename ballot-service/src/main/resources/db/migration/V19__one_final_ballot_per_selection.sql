-- A selection has one final ballot, and as many meeting votes as its branch meetings hold (each round of an
-- exhaustive ballot is one): V2's unique selection_id would refuse a second meeting vote in the selection, and so
-- every branch's nomination after the first.
alter table ballot drop constraint if exists ballot_selection_id_key;
create unique index if not exists ballot_final_per_selection on ballot (selection_id) where kind = 'final';
