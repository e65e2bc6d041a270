package org.selectorate.ballot.ballot;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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

    // Examples for the API contract: the demo selection's final ballot. The key is a real 2048-bit RSA public key
    // (base64url SubjectPublicKeyInfo, as published) whose private half was thrown away.
    private static final String TITLE = "Selection of the parliamentary candidate for NW-001";
    private static final String CANDIDATES = "[\"Asha Patel\", \"Tom Reid\", \"Mei Chen\"]";
    private static final String CREDENTIAL_KEY =
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA6IKd_HMh4E54j-Z_7skk6JHCbYll-g5OVX0LK7phAEEgKTVUpltpkA1O"
            + "aGUSeEyR_nKntjT9ftn_XKuV8EnnJd_HH0WlpVsShD1o4KyWg7Ge2GSg9S4_k7q8wfDdllis90_-ts48stssBok6eO9FtSR8Gfp_"
            + "tbQvjdF62gszH8vEtb7XnqTyq_4ZLvtmJyqmLhupyykV-fYllMInXQik4lyX0tPGksiOaRSYOR8js9DzsbGIYWjFQ5ttv5DK2w70"
            + "qjeI8H1PGZTKwvqAeDFb16VLiwUkpoVaDQLPmHxLMIdLUY9gUrtTPMlLWsrxCLWzLyYflle2DQ-jF9x5OGl5QQIDAQAB";
    /** The rulebook as Rulebook.toJson() publishes it (RFC 8785). */
    private static final String RULEBOOK =
            "{\"appeals\":{\"windowDays\":7},\"arrearsDisqualify\":true,\"channels\":{\"inPerson\":true,"
            + "\"online\":true,\"postal\":true,\"postalMarks\":\"on-issue\"},\"genderBalance\":{\"atLeast\":1,"
            + "\"gender\":\"woman\"},\"meetingQuorum\":25,\"meetingTie\":\"falls\",\"method\":\"av\","
            + "\"minimumMonths\":6,\"minimumPublishedVoters\":10,\"nominations\":{\"combination\":\"either\","
            + "\"committeeAdditions\":1,\"method\":\"exhaustive\",\"thresholds\":{\"affiliates\":\"1/3\","
            + "\"branches\":\"1/3\"}},\"seats\":1,\"seed\":4817203391,\"steps\":\"trigger\","
            + "\"tieBreak\":\"backwards\",\"trigger\":{\"base\":\"units-that-voted\","
            + "\"combination\":\"either\",\"method\":\"yes-no\",\"preset\":\"2021\","
            + "\"thresholds\":{\"affiliates\":\"1/2\",\"branches\":\"1/2\"}},\"version\":1}";

    public record NewBallot(@Schema(example = "2026-12-14T17:00:00Z") @NotNull Instant closesAt) {
    }

    /**
     * Why, for a close before closesAt (then required: it needs a scrutineer's co-signature); with {@code at}, the
     * close is brought forward to that time instead of happening now, so many ballots can close at one moment.
     */
    public record CloseRequest(@Schema(example = "The NEC moved the count forward a day; close the ballot with it")
                               @Size(max = 2000) String reason,
                               @Schema(example = "2026-12-13T17:00:00Z", description = "Bring the close forward to "
                                       + "this time (after now, before closesAt) rather than close now; the "
                                       + "committee is told of the new closing time.") Instant at) {
    }

    /**
     * A ballot as its administrators and observers see it; {@code closedBy} is an admin or "timetable". A meeting's
     * vote also has its {@code vote} kind ({@code yes-no} or {@code round}) and, once counted, its {@code result};
     * both are left out for other ballots.
     */
    public record BallotView(@Schema(example = "0b1e4c9a-4f6e-4c1e-9a8d-3f2b7c6d5e4f") UUID id,
                             @Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") UUID selectionId,
                             @Schema(example = TITLE) String title,
                             @Schema(example = "closed") String status,
                             @Schema(example = "av") String method,
                             @Schema(example = "2026-12-07T09:00:00Z") Instant opensAt,
                             @Schema(example = "2026-12-14T17:00:00Z") Instant closesAt,
                             @Schema(example = "2026-12-14T17:00:00Z") Instant closedAt,
                             @Schema(example = "timetable") String closedBy,
                             @Schema(example = CANDIDATES) List<String> candidates,
                             @Schema(example = "[\"Mei Chen\"]") List<String> withdrawn,
                             @Schema(example = "2") Integer rollVersion,
                             @Schema(example = "1200") Long electorate,
                             @Schema(example = CREDENTIAL_KEY) String credentialKey,
                             @Schema(example = "RSABSSA-SHA384-PSS-Randomized") String variant,
                             @Schema(example = "final") String kind,
                             @Schema(example = "6e2d8f14-3a9b-4c7e-a1d5-0f8b2c9e7a36") UUID meetingId,
                             @Schema(example = "round") @JsonInclude(JsonInclude.Include.NON_NULL) String vote,
                             @JsonInclude(JsonInclude.Include.NON_NULL) VoteResult result) {
    }

    /**
     * What a meeting vote decided, from its count at the close: {@code outcome} is yes or no for a yes/no vote, the
     * selected candidate for a decisive round, null for a round that eliminated someone.
     */
    public record VoteResult(@Schema(example = "1") int round,
                             @Schema(example = "{\"Asha Patel\": 14, \"Tom Reid\": 11, \"Mei Chen\": 6}")
                             Map<String, Long> totals,
                             @Schema(example = "31") long votes,
                             @Schema(example = "Asha Patel") String outcome,
                             @Schema(example = "Mei Chen") String eliminated,
                             @Schema(example = "no majority (16 of 31 needed); Mei Chen has fewest votes and is "
                                     + "eliminated")
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
    public record MeetingVote(@Schema(example = "Round 1: who should NW-001-B1 nominate?")
                              @NotBlank @Size(max = 200) @OneLine String question,
                              @Schema(example = "round") @NotNull String kind,
                              @Schema(example = CANDIDATES) List<@NotBlank String> candidates,
                              @Schema(example = "2026-11-12T20:00:00Z") @NotNull Instant closesAt) {
        public static final String YES_NO = "yes-no";
        public static final String ROUND = "round";
    }

    /**
     * What a voter's client needs, anonymously: the paper, the key to blind with and whether it can be used now.
     * {@code withdrawn} candidates are still on the paper but are excluded before stage 1. {@code rulebook} is the
     * selection's rulebook as published with the ballot, so a voter reads the rules before choosing. {@code kind} is
     * {@code final} or {@code meeting} (a meeting's vote, whose record is published when its step closes).
     */
    public record PublicBallot(@Schema(example = "0b1e4c9a-4f6e-4c1e-9a8d-3f2b7c6d5e4f") UUID id,
                               @Schema(example = TITLE) String title,
                               @Schema(example = "open") String status,
                               @Schema(example = "av") String method,
                               @Schema(example = "2026-12-07T09:00:00Z") Instant opensAt,
                               @Schema(example = "2026-12-14T17:00:00Z") Instant closesAt,
                               @Schema(example = CANDIDATES) List<String> candidates,
                               @Schema(example = "[\"Mei Chen\"]") List<String> withdrawn,
                               @Schema(example = CREDENTIAL_KEY) String credentialKey,
                               @Schema(example = "RSABSSA-SHA384-PSS-Randomized") String variant,
                               @Schema(example = RULEBOOK) Map<String, Object> rulebook,
                               @Schema(example = "final") String kind) {
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
