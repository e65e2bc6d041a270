package org.selectorate.contracts.ballot;

import java.time.Instant;
import java.util.List;

/**
 * A final ballot opened (topic {@code selectorate.ballots}, key: ballot id). tally-service starts the
 * ballot's public record from it.
 *
 * @param candidates        candidate names as they appear on the ballot paper and in votes
 * @param withdrawn         candidates withdrawn after papers were issued (excluded before stage 1)
 * @param credentialKey     the RSA blind-signature public key, SPKI DER in base64url
 * @param variant           RFC 9474 variant name, e.g. {@code RSABSSA-SHA384-PSS-Randomized}
 * @param rulebookJson      the rulebook in force, as published with the result
 * @param tieBreak          the count's tie-break rule
 * @param seed              the published seed of any lot
 */
public record BallotOpened(String ballotId, String selectionId, String constituency, String title,
                           List<String> candidates, List<String> withdrawn, String method, String tieBreak,
                           long seed, Instant opensAt, Instant closesAt, String credentialKey,
                           String variant, String rulebookJson, long electorate) {
    public static final String TYPE = "org.selectorate.ballot.BallotOpened";
}
