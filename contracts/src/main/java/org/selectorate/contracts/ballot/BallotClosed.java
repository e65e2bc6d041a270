package org.selectorate.contracts.ballot;

import java.time.Instant;
import java.util.Map;

/**
 * A ballot closed (topic {@code selectorate.ballots}, key: ballot id).
 *
 * @param markedRegister credentials or paper receipts issued per channel ({@code online}, {@code postal},
 *                       {@code in-person}); the record may not hold more entries per channel
 */
public record BallotClosed(String ballotId, Instant closedAt, Map<String, Long> markedRegister) {
    public static final String TYPE = "org.selectorate.ballot.BallotClosed";
}
