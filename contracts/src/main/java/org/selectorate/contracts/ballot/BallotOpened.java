package org.selectorate.contracts.ballot;

import java.time.Instant;
import java.util.List;

/**
 * A ballot opened (topic {@code selectorate.ballots}, key: ballot id). tally-service starts the
 * ballot's public record from it.
 *
 * @param candidates        candidate names as they appear on the ballot paper and in votes
 * @param withdrawn         candidates withdrawn after papers were issued (excluded before stage 1)
 * @param credentialKey     the RSA blind-signature public key, SPKI DER in base64url
 * @param variant           RFC 9474 variant name, e.g. {@code RSABSSA-SHA384-PSS-Randomized}
 * @param rulebookJson      the rulebook in force, as published with the result
 * @param tieBreak          the count's tie-break rule
 * @param seed              the published seed of any lot
 * @param kind              {@link #FINAL} (the selection's final ballot, published as it runs; also when absent, as
 *                          in events from before meeting ballots) or {@link #MEETING} (a vote at a meeting: its
 *                          record is withheld until {@link BallotReleased})
 * @param meetingId         for a meeting ballot, the meeting; otherwise null
 * @param seats             seats to fill: 1 for the alternative vote, more for STV ({@code method} names which); 0
 *                          in events from before it was carried, meaning 1
 */
public record BallotOpened(String ballotId, String selectionId, String constituency, String title,
                           List<String> candidates, List<String> withdrawn, String method, String tieBreak,
                           long seed, Instant opensAt, Instant closesAt, String credentialKey,
                           String variant, String rulebookJson, long electorate, String kind, String meetingId,
                           int seats) {
    public static final String TYPE = "org.selectorate.ballot.BallotOpened";
    public static final String FINAL = "final";
    public static final String MEETING = "meeting";

    /** A meeting ballot's record is withheld until its step closes. */
    public boolean withheld() {
        return MEETING.equals(kind);
    }
}
