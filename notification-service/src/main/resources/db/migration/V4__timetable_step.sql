-- Every timetable step of a selection, so a member appointed later is still sent each earlier notice.
create table timetable_step (
    id           bigserial primary key,
    selection_id text        not null,
    ballot_id    text,
    kind         text        not null,
    event_at     timestamptz not null,
    summary      text        not null,
    received_at  timestamptz not null
);
create index timetable_step_selection on timetable_step (selection_id, id);
