-- What each meeting vote decided, learnt from tally-service's count at its close (the totals announced in the room;
-- the record itself stays withheld until the step closes). For a branch meeting held for a step, outcome is the
-- branch's single decision: yes or no for a trigger vote, the selected candidate once an exhaustive ballot's round
-- gives someone a majority; null for a round that only eliminated someone.
create table meeting_vote_result (
    ballot_id    uuid primary key references ballot (id),
    selection_id uuid not null,
    meeting_id   uuid not null references meeting (id),
    step         text,
    branch       text,
    kind         text not null check (kind in ('yes-no', 'round')),
    round        int  not null,
    totals       text not null,
    votes        bigint not null,
    outcome      text,
    eliminated   text,
    explanation  text not null
);
create index meeting_vote_result_selection on meeting_vote_result (selection_id, step);
