package org.selectorate.ballot.selection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A selection as its readers see it: the rulebook in force and every candidate, withdrawn ones included. */
public record SelectionView(UUID id, String constituency, String region, String title, LocalDate freezeDate,
                            RulebookView rulebook, List<CandidateView> candidates, Instant createdAt) {

    public record RulebookView(int version, int minimumMonths, boolean arrearsDisqualify, String tieBreak,
                               long seed, int noticeLeadHours) {
        static RulebookView of(Rulebook r) {
            return new RulebookView(r.version, r.minimumMonths, r.arrearsDisqualify, r.tieBreak, r.seed, r.noticeLeadHours);
        }
    }

    public record CandidateView(String name, Instant addedAt, Instant withdrawnAt) {
    }

    static SelectionView of(Selection s, Rulebook rulebook, List<Candidate> candidates) {
        return new SelectionView(s.id, s.constituency, s.region, s.title, s.freezeDate, RulebookView.of(rulebook),
                candidates.stream().map(c -> new CandidateView(c.name, c.addedAt, c.withdrawnAt)).toList(),
                s.createdAt);
    }
}
