-- Mail to members, written when the triggering event is applied and sent after commit, so a crash
-- between the two delays a message but never loses it. The body (which may hold an access code) is
-- erased once the SMTP server has accepted the message.
create table member_alert (
    id              bigserial primary key,
    kind            text        not null,
    ballot_id       text        not null,
    recipient       text        not null,
    subject         text        not null,
    body            text,
    status          text        not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    last_error      text
);
create index member_alert_due on member_alert (next_attempt_at) where status = 'pending';
create index member_alert_ballot on member_alert (ballot_id, kind);
