-- The postal address held at the freeze, carried to ballot-service with each elector (a postal pack goes there).
-- Not part of the roll's leaf: the published root is unchanged.
alter table roll_entry add column address text;
