-- The marked register keeps the day of issuance only (UTC): times to the microsecond, sorted against the public
-- record's order and times, paired members with their votes. The rows are written anew in membership-number order,
-- so neither a column nor the table's physical order keeps the order in which members were issued a ballot.
create temporary table marked_by_day as
    select ballot_id, membership_number, channel, (marked_at at time zone 'UTC')::date as marked_on
    from marked_register;
delete from marked_register;
alter table marked_register drop column marked_at;
alter table marked_register add column marked_on date not null;
insert into marked_register (id, ballot_id, membership_number, channel, marked_on)
    select gen_random_uuid(), ballot_id, membership_number, channel, marked_on
    from marked_by_day order by ballot_id, membership_number;
drop table marked_by_day;
