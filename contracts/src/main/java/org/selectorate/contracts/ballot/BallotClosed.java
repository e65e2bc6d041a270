package org.selectorate.contracts.ballot;

import java.time.Instant;
import java.util.Map;

/**
 * A ballot closed (topic {@code selectorate.ballots}, key: ballot id).
 *
 * @param markedRegister  credentials or paper receipts issued per channel ({@code online}, {@code postal},
 *                        {@code in-person}); the record may not hold more entries per channel
 * @param papers          per paper channel, what ballot-service knows of its papers: the tellers' figures
 *                        (spoilt, counted) complete the ballot paper account
 * @param turnoutByBranch electors and members marked, per branch: read for anomaly flags, after close only
 * @param issuancesByHour ballots issued (all channels) per UTC hour ({@code 2026-12-03T14}), for a burst flag;
 *                        a count per hour, never who
 */
public record BallotClosed(String ballotId, Instant closedAt, Map<String, Long> markedRegister,
                           Map<String, PaperIssue> papers, Map<String, BranchTurnout> turnoutByBranch,
                           Map<String, Long> issuancesByHour) {
    public static final String TYPE = "org.selectorate.ballot.BallotClosed";

    public BallotClosed {
        papers = papers == null ? Map.of() : papers;
        turnoutByBranch = turnoutByBranch == null ? Map.of() : turnoutByBranch;
        issuancesByHour = issuancesByHour == null ? Map.of() : issuancesByHour;
    }

    /** A ballot with no paper channel and no figures for flags (a meeting ballot). */
    public BallotClosed(String ballotId, Instant closedAt, Map<String, Long> markedRegister) {
        this(ballotId, closedAt, markedRegister, Map.of(), Map.of(), Map.of());
    }

    /**
     * One paper channel's papers as issued and returned.
     *
     * @param issued   papers issued (postal packs sent, papers handed out at a meeting), spoilt-at-issue excluded
     * @param returned postal returns received by the close; null in person, where the ballot box is the return
     *                 and only the tellers know it
     * @param rejected returns refused at the declaration check, by reason (e.g. {@code declaration-unsigned},
     *                 {@code voted-online}); their papers are never keyed
     */
    public record PaperIssue(long issued, Long returned, Map<String, Long> rejected) {
        public PaperIssue {
            rejected = rejected == null ? Map.of() : Map.copyOf(rejected);
        }
    }

    public record BranchTurnout(long electors, long marked) {
    }
}
