package org.selectorate.tally.paper;

/**
 * tally-service to itself, on the casts topic keyed by ballot: an officer asked for the count of a closed ballot
 * with paper channels, every batch agreed. It follows the ballot's agreed batches in the partition, so the writer
 * has appended them all when it counts.
 */
public record CountRequested(String ballotId) {
    public static final String TYPE = "org.selectorate.tally.CountRequested";
}
