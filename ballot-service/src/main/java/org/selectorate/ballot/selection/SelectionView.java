package org.selectorate.ballot.selection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A selection as its readers see it: the rulebook in force and every candidate, withdrawn ones included. */
public record SelectionView(UUID id, String constituency, String region, String title, LocalDate freezeDate,
                            RulebookView rulebook, List<CandidateView> candidates, Instant createdAt) {

    /**
     * The rulebook in force. {@code steps} to {@code meetingTie} are as in its published JSON
     * ({@link StepRules#json()}); all null on a rulebook made before they existed ({@code meetingTie} also on one
     * made before that rule, where a tie falls). {@code channels}, {@code method} and {@code seats}: the final
     * ballot's ({@link BallotRules}), shown with their defaults on a rulebook that set none (which does not publish
     * them).
     */
    public record RulebookView(int version, int minimumMonths, boolean arrearsDisqualify, String tieBreak,
                               long seed, int noticeLeadHours, int mailingQuota, int mailingPeriodDays,
                               String steps, Object trigger, Integer meetingQuorum, Object nominations,
                               Object genderBalance, Integer minimumPublishedVoters, String meetingTie,
                               Object channels, String method, int seats) {
        static RulebookView of(Rulebook r) {
            Map<String, Object> steps = r.stepRules() == null ? new HashMap<>() : r.stepRules().json();
            Map<String, Object> ballot = r.ballotRules().json();
            return new RulebookView(r.version, r.minimumMonths, r.arrearsDisqualify, r.tieBreak, r.seed, r.noticeLeadHours,
                    r.mailingQuota, r.mailingPeriodDays, (String) steps.get("steps"), steps.get("trigger"),
                    (Integer) steps.get("meetingQuorum"), steps.get("nominations"), steps.get("genderBalance"),
                    (Integer) steps.get("minimumPublishedVoters"), (String) steps.get("meetingTie"),
                    ballot.get("channels"), (String) ballot.get("method"), (Integer) ballot.get("seats"));
        }
    }

    /**
     * {@code account} and {@code agents}: the Keycloak usernames that may send the candidate's mailings;
     * {@code gender}: the candidate's own declaration, if any.
     */
    public record CandidateView(UUID id, String name, Instant addedAt, Instant withdrawnAt, String account,
                                List<String> agents, String gender) {
    }

    static SelectionView of(Selection s, Rulebook rulebook, List<Candidate> candidates) {
        return new SelectionView(s.id, s.constituency, s.region, s.title, s.freezeDate, RulebookView.of(rulebook),
                candidates.stream().map(c -> new CandidateView(c.id, c.name, c.addedAt, c.withdrawnAt,
                        c.account, c.agentList(), c.gender)).toList(),
                s.createdAt);
    }
}
