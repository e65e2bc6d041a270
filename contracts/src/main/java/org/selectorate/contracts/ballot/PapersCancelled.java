package org.selectorate.contracts.ballot;

import java.util.List;

/**
 * Issued papers that must never be keyed (topic {@code selectorate.ballots}, key: ballot id): a postal return refused
 * at the declaration check, a pack reported lost and replaced.
 *
 * @param paperDigests each paper number's digest, as in {@link PapersIssued}
 * @param reason       e.g. {@code voted-online}, {@code declaration-unsigned}, {@code replaced}
 */
public record PapersCancelled(String ballotId, String channel, List<String> paperDigests, String reason) {
    public static final String TYPE = "org.selectorate.ballot.PapersCancelled";
}
