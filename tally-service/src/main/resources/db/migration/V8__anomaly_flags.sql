-- What ballot-service reports at close for the anomaly flags (turnout per branch, issuances per UTC hour: counts,
-- never members), and the flags the count published with its result.
alter table tally_ballot add column flag_inputs text;
alter table ballot_result add column anomalies text;
