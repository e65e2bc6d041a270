package org.selectorate.contracts.result;

/**
 * HQ upheld an appeal and ordered a recount (topic {@code selectorate.results}, key: ballot id): tally-service
 * counts the record again and compares.
 */
public record RecountOrdered(String ballotId, String selectionId, String appealId) {
    public static final String TYPE = "org.selectorate.result.RecountOrdered";
}
