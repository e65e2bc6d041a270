-- The proposer's token subject (sub), stable where a username is not: the approver must be another subject, and
-- the audit log names it as the approval's co-signer. Changes proposed before this have none.
alter table roll_change add column proposed_by_subject text;
