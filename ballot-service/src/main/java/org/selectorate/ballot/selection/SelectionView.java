package org.selectorate.ballot.selection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A selection as its readers see it: the rulebook in force and every candidate, withdrawn ones included. */
public record SelectionView(@Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") UUID id,
                            @Schema(example = "NW-001") String constituency,
                            @Schema(example = "NW") String region,
                            @Schema(example = "Selection of the parliamentary candidate for NW-001") String title,
                            @Schema(example = "2026-11-30") LocalDate freezeDate,
                            RulebookView rulebook,
                            List<CandidateView> candidates,
                            @Schema(example = "2026-10-05T09:30:00Z") Instant createdAt) {
    // Examples for the API contract: the rulebook's objects as StepRules.json() and BallotRules.json() publish them.
    private static final String TRIGGER_EXAMPLE = "{\"base\": \"units-that-voted\", \"combination\": \"either\", "
            + "\"method\": \"yes-no\", \"preset\": \"2021\", "
            + "\"thresholds\": {\"affiliates\": \"1/2\", \"branches\": \"1/2\"}}";
    private static final String NOMINATIONS_EXAMPLE = "{\"combination\": \"either\", \"committeeAdditions\": 1, "
            + "\"method\": \"exhaustive\", \"thresholds\": {\"affiliates\": \"1/3\", \"branches\": \"1/3\"}}";
    private static final String CHANNELS_EXAMPLE = "{\"inPerson\": true, \"online\": true, \"postal\": true, "
            + "\"postalMarks\": \"on-issue\"}";

    /**
     * The rulebook in force. {@code steps} to {@code meetingTie} are as in its published JSON
     * ({@link StepRules#json()}); all null on a rulebook made before they existed ({@code meetingTie} also on one
     * made before that rule, where a tie falls). {@code channels}, {@code method} and {@code seats}: the final
     * ballot's ({@link BallotRules}), shown with their defaults on a rulebook that set none (which does not publish
     * them).
     */
    public record RulebookView(@Schema(example = "1") int version,
                               @Schema(example = "6") int minimumMonths,
                               boolean arrearsDisqualify,
                               @Schema(example = "backwards") String tieBreak,
                               @Schema(example = "4817203391") long seed,
                               @Schema(example = "48") int noticeLeadHours,
                               @Schema(example = "2") int mailingQuota,
                               @Schema(example = "7") int mailingPeriodDays,
                               @Schema(example = "trigger") String steps,
                               @Schema(example = TRIGGER_EXAMPLE) Object trigger,
                               @Schema(example = "25") Integer meetingQuorum,
                               @Schema(example = NOMINATIONS_EXAMPLE) Object nominations,
                               @Schema(example = "{\"atLeast\": 1, \"gender\": \"woman\"}") Object genderBalance,
                               @Schema(example = "10") Integer minimumPublishedVoters,
                               @Schema(example = "falls") String meetingTie,
                               @Schema(example = CHANNELS_EXAMPLE) Object channels,
                               @Schema(example = "av") String method,
                               @Schema(example = "1") int seats) {

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
    public record CandidateView(@Schema(example = "3c9d2e71-6a4b-4f08-9c1d-2b7e5a6f8d90") UUID id,
                                @Schema(example = "Asha Patel") String name,
                                @Schema(example = "2026-10-05T09:45:00Z") Instant addedAt,
                                @Schema(example = "2026-12-01T16:00:00Z") Instant withdrawnAt,
                                @Schema(example = "asha.patel") String account,
                                @Schema(example = "[\"ben.ward\", \"sara.khan\"]") List<String> agents,
                                @Schema(example = "woman") String gender) {
    }

    static SelectionView of(Selection s, Rulebook rulebook, List<Candidate> candidates) {
        return new SelectionView(s.id, s.constituency, s.region, s.title, s.freezeDate, RulebookView.of(rulebook),
                candidates.stream().map(c -> new CandidateView(c.id, c.name, c.addedAt, c.withdrawnAt,
                        c.account, c.agentList(), c.gender)).toList(),
                s.createdAt);
    }
}
