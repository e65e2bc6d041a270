package org.selectorate.contracts.cast;

import java.util.List;

/**
 * An anonymous cast accepted at the endpoint (topic {@code selectorate.casts}, key: ballot id, so one
 * partition owner appends each ballot's record). Carries no IP address, time or member identity. On the topic it
 * travels sealed with tally-service's key (its CastSeal), padded to one length, so the broker holds no token, vote
 * or arrival order of either.
 *
 * @param token       the voter's random token, base64url
 * @param prefix      the RFC 9474 randomized-variant message prefix, base64url (null for deterministic)
 * @param signature   the unblinded credential signature, base64url
 * @param vote        candidate names in order of preference
 */
public record CastSubmitted(String ballotId, String token, String prefix, String signature, List<String> vote) {
    public static final String TYPE = "org.selectorate.cast.CastSubmitted";
}
