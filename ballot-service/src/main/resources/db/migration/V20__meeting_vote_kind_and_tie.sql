-- What a meeting vote is, kept at its opening (a paper of Yes and No does not say: a candidate may be named Yes),
-- and what a rulebook does with a tied motion at a meeting: it falls (no), or a lot drawn from the rulebook's seed
-- decides. Rulebooks made before keep null: they publish as they did, and a tie there falls.
alter table ballot add column meeting_vote text check (meeting_vote in ('yes-no', 'round'));
alter table ballot add constraint ballot_meeting_vote check (meeting_vote is null or kind = 'meeting');
alter table rulebook add column meeting_tie text check (meeting_tie in ('falls', 'lot'));
