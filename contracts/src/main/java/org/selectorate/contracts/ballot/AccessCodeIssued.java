package org.selectorate.contracts.ballot;

import java.time.Instant;

/**
 * An elector's one-time access code, to be emailed by notification-service (topic
 * {@code selectorate.credentials}, key: ballot id). ballot-service keeps only the code's hash; this event is
 * the one place the code travels, and it is never logged.
 */
public record AccessCodeIssued(String ballotId, String title, String email, String name, String code,
                               Instant closesAt) {
    public static final String TYPE = "org.selectorate.ballot.AccessCodeIssued";
}
