package org.selectorate.tally.paper;

/**
 * tally-service to itself, on the casts topic keyed by ballot: a paper batch is agreed (its votes wait in
 * {@code paper_batch}), so the ballot's record writer appends it. Produced through the outbox in the agreement's
 * transaction, and applied once (inbox), in partition order with the ballot's casts and markers.
 */
public record PaperBatchAgreed(String ballotId, String batch) {
    public static final String TYPE = "org.selectorate.tally.PaperBatchAgreed";
}
