-- Paper channels (postal, in person). Seats come with the opening, for STV counts; rows from before are one seat.
alter table tally_ballot add column seats integer not null default 1;
-- BallotClosed.papers (JSON object per paper channel: issued, returned, rejected by reason), for the paper account.
alter table tally_ballot add column papers text;
-- With paper channels the count waits for an officer's request (once every batch is agreed); set when asked.
alter table tally_ballot add column count_requested boolean not null default false;
-- The writer has appended every cast before the close: a record resumed after it refuses casts (its count may wait).
alter table tally_ballot add column casts_drained boolean not null default false;

-- Paper entries on the record carry their tellers' batch and item instead of a token.
alter table record_entry add column paper_batch text;
alter table record_entry add column paper_item bigint;

-- The papers ballot-service issued, known only by their numbers' digests: a set per ballot and channel. A used
-- paper is marked here and nothing says in which batch or at which item it was keyed, so a paper's number never
-- leads to its entry on the record.
create table paper (
    ballot_id  text not null references tally_ballot (id),
    digest     text not null, -- PaperNumber.digest(), hex
    channel    text not null check (channel in ('postal', 'in-person')),
    status     text not null check (status in ('issued', 'cancelled', 'used')),
    reason     text,          -- why cancelled
    primary key (ballot_id, digest)
);

-- A batch of papers keyed twice by two different tellers. While it waits for its second entry, or for a
-- scrutineer's adjudication, each entry (paper numbers with their votes) is kept sealed with the service's key file
-- and erased once the batch is agreed; then only its votes, in a random order, and its spoilt papers by reason stay.
create table paper_batch (
    ballot_id     text    not null references tally_ballot (id),
    batch         text    not null, -- the record's PaperRef.batch
    channel       text    not null check (channel in ('postal', 'in-person')),
    status        text    not null check (status in ('keyed-once', 'disputed', 'agreed', 'appended')),
    first_teller  text    not null, -- token subjects
    second_teller text,
    first_entry   bytea,            -- sealed; null once agreed
    second_entry  bytea,
    adjudicator   text,
    votes         text,             -- JSON array of rankings, in item order (random), once agreed
    spoilt        text,             -- JSON object: reason -> papers, once agreed
    primary key (ballot_id, batch)
);

-- The ballot paper account per channel, as built at the count and exported with the record.
alter table ballot_result add column paper_account text;
