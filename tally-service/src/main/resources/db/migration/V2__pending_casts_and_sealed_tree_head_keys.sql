-- Casts the partition owner holds until its ballot's next mix, when they are appended to the record in a shuffled
-- batch and deleted in the same transaction. No time and no serial number: nothing here keeps the order in which
-- they came. The key deduplicates a cast delivered twice.
create table pending_cast (
    ballot_id  text not null references tally_ballot (id),
    token      text not null, -- canonical base64url, as on the record
    prefix     text,
    signature  text not null,
    vote       text not null, -- JSON array
    primary key (ballot_id, token)
);

-- The tree-head private key is sealed with the service's key file (KeyVault, context "tree-head:" || id) and erased
-- once the ballot is counted: the final head is signed at the close, and nothing is signed after it.
alter table tally_ballot alter column tree_head_private drop not null;
comment on column tally_ballot.tree_head_private is
    'Ed25519 PKCS#8 sealed by KeyVault under "tree-head:" || id; null once the ballot is counted';

-- Casts no longer pass through the inbox (pending_cast deduplicates them): their rows have done their job.
delete from inbox_event where consumer = 'tally-service.casts' and type = 'org.selectorate.cast.CastSubmitted';
