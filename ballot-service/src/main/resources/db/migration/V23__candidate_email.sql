-- Where a candidate is sent notices (the declared result); optional, never shown in the selection's view.
alter table candidate add column email text;
