package org.selectorate.contracts.ballot;

import java.time.Instant;

/** A candidate withdrew from a selection (topic {@code selectorate.ballots}, key: selection id). */
public record CandidateWithdrawn(String selectionId, String candidateId, String name, Instant withdrawnAt) {
    public static final String TYPE = "org.selectorate.ballot.CandidateWithdrawn";
}
