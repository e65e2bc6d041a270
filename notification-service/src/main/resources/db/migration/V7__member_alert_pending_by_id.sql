-- The dispatcher takes the first due pending rows in id order. Indexed on next_attempt_at, every due row had to be
-- read and sorted each round (the whole queue while a ballot's access codes go out); indexed on id, a round reads
-- its batch and stops.
drop index member_alert_due;
create index member_alert_pending on member_alert (id) where status = 'pending';
-- No query looks alerts up by ballot and kind (receipts go by code_hash): the index only cost a write per insert and
-- per status change.
drop index member_alert_ballot;
