-- A recount ordered on appeal (ballot-service's RecountOrdered): the stored record counted again by the same code
-- as the published count, kept beside it with what differs. One per appeal.
create table recount (
    appeal_id    text        primary key,
    ballot_id    text        not null references tally_ballot (id),
    selection_id text        not null,
    report       text        not null, -- the counting module's JSON report, as ballot_result.report
    elected      text        not null, -- JSON array
    votes        bigint      not null,
    same_result  boolean     not null,
    differences  text        not null, -- JSON array: "elected", "method", "stage n", "stages"
    recounted_at timestamptz not null
);
create index recount_ballot on recount (ballot_id);
