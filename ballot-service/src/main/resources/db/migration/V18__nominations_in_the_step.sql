-- Nominations are the nominations step's (selection_step) alone: the timetable's own nominations period and
-- shortlist (selection_timetable, V5) move into it, and the table goes.

-- A candidate's own declaration of gender, optional (free text), read only by a rulebook's gender-balance rule.
alter table candidate add column gender text;

-- How many candidates the procedures committee may add to a shortlist the rulebook's thresholds set, each co-signed
-- by a scrutineer. Null (every rulebook made before): none.
alter table rulebook add column nomination_committee_additions integer
    check (nomination_committee_additions is null or nomination_committee_additions >= 0);

-- The shortlist is published once, on the nominations step: by the thresholds when it closes, or by the committee
-- by hand where the rulebook has none.
alter table selection_step add column shortlisted_at timestamptz;
alter table selection_step add column shortlisted_by text;

-- Who is on the shortlist, in order, and on what basis: the thresholds, the gender-balance rule (with why this
-- candidate), a co-signed committee addition (with the proposer's reason and the proposal), or a shortlist set by
-- hand where the rulebook has no thresholds.
create table shortlist_place (
    selection_id uuid        not null references selection (id),
    candidate_id uuid        not null references candidate (id),
    place        integer     not null,
    basis        text        not null check (basis in ('threshold', 'gender-balance', 'committee', 'manual')),
    reason       text,
    proposal_id  uuid references proposal (id),
    added_at     timestamptz not null,
    added_by     text        not null,
    primary key (selection_id, candidate_id),
    unique (selection_id, place)
);

-- A timetable nominations period becomes the selection's nominations step, unless it already has one (then the step
-- stands). The old period had no returns deadline: the step's is when it closed (or opened, if still open), so an
-- affiliate's return to a step still open needs a scrutineer's co-signed late-return override. Who opened and
-- closed it is read back from the audit log. A shortlist published without nominations ever opened becomes a step
-- opened and closed when it was published.
insert into selection_step (id, selection_id, step, returns_deadline, opened_at, opened_by, closed_at, closed_by)
select gen_random_uuid(), t.selection_id, 'nominations',
       coalesce(t.nominations_closed_at, t.nominations_opened_at, t.shortlisted_at),
       coalesce(t.nominations_opened_at, t.shortlisted_at),
       coalesce((select a.details::jsonb #>> '{actor,username}' from audit_entry a
                 where a.selection_id = t.selection_id::text and a.details::jsonb ->> 'action' = 'nominations.open'
                 order by a.seq limit 1), t.shortlisted_by, 'before V18'),
       case when t.nominations_opened_at is null then t.shortlisted_at else t.nominations_closed_at end,
       case
           when t.nominations_opened_at is null then t.shortlisted_by
           when t.nominations_closed_at is null then null
           else coalesce((select a.details::jsonb #>> '{actor,username}' from audit_entry a
                          where a.selection_id = t.selection_id::text
                            and a.details::jsonb ->> 'action' = 'nominations.close'
                          order by a.seq limit 1), 'before V18')
       end
from selection_timetable t
where (t.nominations_opened_at is not null or t.shortlisted_at is not null)
  and not exists (select 1 from selection_step s where s.selection_id = t.selection_id and s.step = 'nominations');

update selection_step s
set shortlisted_at = t.shortlisted_at, shortlisted_by = t.shortlisted_by
from selection_timetable t
where s.selection_id = t.selection_id and s.step = 'nominations' and t.shortlisted_at is not null;

insert into shortlist_place (selection_id, candidate_id, place, basis, added_at, added_by)
select t.selection_id, cast(u.id as uuid), u.place, 'manual', t.shortlisted_at, t.shortlisted_by
from selection_timetable t
     cross join lateral unnest(string_to_array(t.shortlist, E'\n')) with ordinality as u(id, place)
where t.shortlisted_at is not null and t.shortlist is not null and t.shortlist <> '';

drop table selection_timetable;
