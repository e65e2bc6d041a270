package org.selectorate.tally.cast;

/** The answer to a cast: the tracker to find it on the public record, and where to look. */
public record CastAccepted(String tracker, String entry) {
}
