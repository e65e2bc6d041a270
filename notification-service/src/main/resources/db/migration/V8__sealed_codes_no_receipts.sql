-- Receipts by mail are gone. A receipt mailed to the address the access code went to made this service hold
-- address -> tracker -> vote until it was sent, which anyone reading the database could join; the voter keeps the
-- tracker and finds their vote on the public record instead.
drop table receipt;
drop table recorded_tracker;
alter table member_alert drop column code_hash;
delete from member_alert where kind = 'receipt';

-- Access codes: the row keeps the code as ballot-service sealed it to this service's key (CodeSeal) and a body with a
-- slot for it; the code is opened only in memory to write the mail. Both are erased once the mail is sent or failed.
alter table member_alert add column sealed_code text;
-- A pending access-code row written before this holds its code in clear: the code is erased, not mailed, and the row
-- ends failed as after a last failed attempt.
update member_alert set body = null, status = 'failed', last_error = 'queued before access codes were sealed'
where kind = 'access-code' and status = 'pending';

-- A sent or failed mail keeps no time finer than the day it was sent: created_at and next_attempt_at serve retries
-- only, and are cleared once the mail is settled.
alter table member_alert alter column created_at drop not null;
alter table member_alert alter column next_attempt_at drop not null;
alter table member_alert rename column sent_at to sent_on;
alter table member_alert alter column sent_on type date using (sent_on at time zone 'UTC')::date;
update member_alert set created_at = null, next_attempt_at = null, body = null where status <> 'pending';

-- "A ballot was issued in your name" keeps no row once settled: its rows, their times and even their order follow
-- the order credentials were issued in, which could be set against the public record.
delete from member_alert where kind = 'credential-issued' and status <> 'pending';
