package org.selectorate.contracts.ballot;

import java.time.Instant;

/**
 * An elector's one-time access code, to be emailed by notification-service (topic
 * {@code selectorate.credentials}, key: ballot id). ballot-service keeps only the code's hash; the code travels
 * only sealed to notification-service's key ({@code CodeSeal}: {@code c2.<wrapped data key>.<AES-GCM>}, bound to
 * {@code ballotId} and {@code email}), so the outbox and the topic hold ciphertext, and it is opened only to write
 * the mail.
 */
public record AccessCodeIssued(String ballotId, String title, String email, String name, String sealedCode,
                               Instant closesAt) {
    public static final String TYPE = "org.selectorate.ballot.AccessCodeIssued";
}
