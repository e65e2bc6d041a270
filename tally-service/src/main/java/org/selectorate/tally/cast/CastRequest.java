package org.selectorate.tally.cast;

import java.util.List;

/**
 * An anonymous vote: the voter's token, the unblinded credential (prefix for the randomized variant, and
 * signature, base64url) and the candidates in order of preference.
 */
public record CastRequest(String token, String prefix, String signature, List<String> vote) {
}
