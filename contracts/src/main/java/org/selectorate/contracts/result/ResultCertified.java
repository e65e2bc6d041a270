package org.selectorate.contracts.result;

/**
 * A scrutineer certified a counted ballot (topic {@code selectorate.results}, key: ballot id): their signature over
 * the record's final tree head ({@code treeSize}, {@code rootHash}) is on the record.
 */
public record ResultCertified(String ballotId, String selectionId, String scrutineer, long treeSize,
                              String rootHash) {
    public static final String TYPE = "org.selectorate.result.ResultCertified";
}
