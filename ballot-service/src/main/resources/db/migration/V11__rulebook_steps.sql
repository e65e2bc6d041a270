-- The rulebook's steps before the final ballot (issue 13): which steps a selection has, the trigger rule, quorum
-- per meeting, nomination thresholds, the gender-balance rule, the meeting methods and the fewest voters for which
-- a meeting ballot's record is published in full. Rulebooks made before have steps null: they publish as they did.
alter table rulebook add column steps text;
alter table rulebook add column trigger_preset text;
alter table rulebook add column trigger_branches text;
alter table rulebook add column trigger_affiliates text;
alter table rulebook add column trigger_combination text;
alter table rulebook add column trigger_base text;
alter table rulebook add column trigger_method text;
alter table rulebook add column meeting_quorum integer;
alter table rulebook add column nomination_branches text;
alter table rulebook add column nomination_affiliates text;
alter table rulebook add column nomination_combination text;
alter table rulebook add column nomination_method text;
alter table rulebook add column gender_balance_gender text;
alter table rulebook add column gender_balance_at_least integer;
alter table rulebook add column minimum_published_voters integer;
alter table rulebook add constraint rulebook_steps check (steps is null or (
    steps in ('trigger', 'open')
    and (steps = 'trigger') = (trigger_combination is not null)
    and meeting_quorum >= 0
    and nomination_combination is not null and nomination_method is not null
    and (gender_balance_gender is null) = (gender_balance_at_least is null)
    and minimum_published_voters >= 1));
