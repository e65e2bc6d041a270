package org.selectorate.contracts.cast;

/**
 * The cut-off written into a ballot's casts partition when it closes: the partition owner appends what
 * came before it, refuses what comes after, then counts (topic {@code selectorate.casts}, key: ballot id).
 */
public record CastsClosed(String ballotId) {
    public static final String TYPE = "org.selectorate.cast.CastsClosed";
}
