-- The selection's area, from CommitteeAppointed: readers of the notices ledger are held to their area.
alter table committee_seat add column region text;
alter table committee_seat add column constituency text;
