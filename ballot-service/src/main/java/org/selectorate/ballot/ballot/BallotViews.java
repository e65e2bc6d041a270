package org.selectorate.ballot.ballot;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.selectorate.ballot.selection.OneLine;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.integrity.json.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request and response bodies of the ballot API. */
public final class BallotViews {
    /** A meeting's vote; the final ballot's is its rulebook's ({@code BallotRules.method}). */
    public static final String METHOD = "av";

    public record NewBallot(@NotNull Instant closesAt) {
    }

    /** Why, for a close before closesAt (then required: it needs a scrutineer's co-signature). */
    public record Reason(@Size(max = 2000) String reason) {
    }

    /**
     * A ballot as its administrators and observers see it; {@code closedBy} is an admin or "timetable". A meeting's
     * vote also has its {@code vote} kind ({@code yes-no} or {@code round}) and, once counted, its {@code result};
     * both are left out for other ballots.
     */
    public record BallotView(UUID id, UUID selectionId, String title, String status, String method,
                             Instant opensAt, Instant closesAt, Instant closedAt, String closedBy,
                             List<String> candidates, List<String> withdrawn, Integer rollVersion, Long electorate,
                             String credentialKey, String variant, String kind, UUID meetingId,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String vote,
                             @JsonInclude(JsonInclude.Include.NON_NULL) VoteResult result) {
    }

    /**
     * What a meeting vote decided, from its count at the close: {@code outcome} is yes or no for a yes/no vote, the
     * selected candidate for a decisive round, null for a round that eliminated someone.
     */
    public record VoteResult(int round, Map<String, Long> totals, long votes, String outcome, String eliminated,
                             String explanation) {
        @SuppressWarnings("unchecked")
        static VoteResult of(MeetingVoteResult r) {
            Map<String, Long> totals = new LinkedHashMap<>();
            ((Map<String, Object>) Json.parse(r.totals)).forEach((k, v) -> totals.put(k, ((Number) v).longValue()));
            return new VoteResult(r.round, totals, r.votes, r.outcome, r.eliminated, r.explanation);
        }
    }

    /**
     * A vote at a started meeting, for its attendees: {@code yes-no} (the paper is Yes and No) or {@code round} (a
     * round of an exhaustive ballot among {@code candidates}, standing candidates of the selection).
     */
    public record MeetingVote(@NotBlank @Size(max = 200) @OneLine String question, @NotNull String kind,
                              List<@NotBlank String> candidates, @NotNull Instant closesAt) {
        public static final String YES_NO = "yes-no";
        public static final String ROUND = "round";
    }

    /**
     * What a voter's client needs, anonymously: the paper, the key to blind with and whether it can be used now.
     * {@code withdrawn} candidates are still on the paper but are excluded before stage 1. {@code rulebook} is the
     * selection's rulebook as published with the ballot, so a voter reads the rules before choosing. {@code kind} is
     * {@code final} or {@code meeting} (a meeting's vote, whose record is published when its step closes).
     */
    public record PublicBallot(UUID id, String title, String status, String method, Instant opensAt,
                               Instant closesAt, List<String> candidates, List<String> withdrawn,
                               String credentialKey, String variant, Map<String, Object> rulebook,
                               String kind) {
    }

    static BallotView view(Ballot b, List<String> candidates, List<String> withdrawn) {
        return view(b, candidates, withdrawn, null);
    }

    static BallotView view(Ballot b, List<String> candidates, List<String> withdrawn, MeetingVoteResult result) {
        return new BallotView(b.id, b.selectionId, b.title, status(b), METHOD, b.opensAt, b.closesAt, b.closedAt,
                b.closedBy, candidates, withdrawn, b.rollVersion, b.electorate, b.credentialKey, b.variant, b.kind,
                b.meetingId, b.meetingVote, result == null ? null : VoteResult.of(result));
    }

    @SuppressWarnings("unchecked")
    static PublicBallot publicView(Ballot b, List<String> withdrawn, Rulebook rulebook) {
        String method = BallotOpened.FINAL.equals(b.kind) ? rulebook.ballotRules().method() : METHOD;
        return new PublicBallot(b.id, b.title, status(b), method, b.opensAt, b.closesAt, b.candidates(), withdrawn,
                b.credentialKey, b.variant, (Map<String, Object>) Json.parse(rulebook.toJson()), b.kind);
    }

    static String status(Ballot b) {
        return b.status.name().toLowerCase();
    }

    private BallotViews() {
    }
}
