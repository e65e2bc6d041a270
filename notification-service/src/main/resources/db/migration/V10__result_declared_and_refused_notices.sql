-- A declared result is told to every candidate as well as to the committee, as a notice with the same delivery
-- proof (Message-ID, bounces, acknowledgement link). A notice's recipient is now a committee member (member_id is
-- committee_seat.member_id) or a candidate (member_id is mailing_candidate.candidate_id): the foreign key goes, and
-- the audience says which.
alter table notice drop constraint notice_member_id_fkey;
alter table notice add column audience text not null default 'committee'
    check (audience in ('committee', 'candidate'));
comment on column notice.member_id is
    'committee_seat.member_id, or mailing_candidate.candidate_id when audience is candidate';

-- Where a candidate is sent notices (CandidateNominated.email); null if ballot-service holds none.
alter table mailing_candidate add column email text;
