-- A meeting held for a step of the selection (the trigger ballot, or nominations): its votes' records are
-- published when that step closes. released_at marks a meeting vote's record as released, once.
alter table meeting add column step text check (step in ('trigger', 'nominations'));
alter table ballot add column released_at timestamptz;
