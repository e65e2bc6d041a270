package org.selectorate.ballot.selection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A selection as its readers see it: the rulebook in force and every candidate, withdrawn ones included. */
public record SelectionView(UUID id, String constituency, String region, String title, LocalDate freezeDate,
                            RulebookView rulebook, List<CandidateView> candidates, Instant createdAt) {

    public record RulebookView(int version, int minimumMonths, boolean arrearsDisqualify, String tieBreak,
                               long seed, int noticeLeadHours, int mailingQuota, int mailingPeriodDays) {
        static RulebookView of(Rulebook r) {
            return new RulebookView(r.version, r.minimumMonths, r.arrearsDisqualify, r.tieBreak, r.seed, r.noticeLeadHours,
                    r.mailingQuota, r.mailingPeriodDays);
        }
    }

    /** {@code account} and {@code agents}: the Keycloak usernames that may send the candidate's mailings. */
    public record CandidateView(UUID id, String name, Instant addedAt, Instant withdrawnAt, String account,
                                List<String> agents) {
    }

    static SelectionView of(Selection s, Rulebook rulebook, List<Candidate> candidates) {
        return new SelectionView(s.id, s.constituency, s.region, s.title, s.freezeDate, RulebookView.of(rulebook),
                candidates.stream().map(c -> new CandidateView(c.id, c.name, c.addedAt, c.withdrawnAt,
                        c.account, c.agentList())).toList(),
                s.createdAt);
    }
}
