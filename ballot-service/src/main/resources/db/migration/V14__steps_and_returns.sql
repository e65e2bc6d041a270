-- A selection's steps before the final ballot (trigger, nominations): each opens once, with the deadline for
-- affiliates' returns, and closes once. A closed trigger step keeps its counted outcome (RFC 8785 JSON: every unit's
-- vote and the explanation), as published.
create table selection_step (
    id               uuid primary key,
    selection_id     uuid        not null references selection (id),
    step             text        not null,
    returns_deadline timestamptz not null,
    opened_at        timestamptz not null,
    opened_by        text        not null,
    closed_at        timestamptz,
    closed_by        text,
    outcome          text,
    unique (selection_id, step)
);

-- An affiliate's return to a step: entered by one of its officers, confirmed by another person (a second officer,
-- or a scrutineer where the affiliate has one officer); only confirmed returns count. People are compared by token
-- subject (`*_subject`); the usernames are for people to read. Once confirmed, `canonical` is the return as RFC 8785
-- JSON (who entered and confirmed it, and when) and `digest` its SHA-256, published with the step's result. A late
-- return entered on a co-signed override names its proposal. One return per affiliate and step.
create table affiliate_return (
    id                uuid primary key,
    step_id           uuid        not null references selection_step (id),
    affiliate         text        not null,
    vote              text        not null,
    entered_by        text        not null,
    entered_subject   text        not null,
    entered_at        timestamptz not null,
    confirmed_by      text,
    confirmed_subject text,
    confirmed_at      timestamptz,
    override_proposal uuid references proposal (id),
    canonical         text,
    digest            text,
    unique (step_id, affiliate)
);
