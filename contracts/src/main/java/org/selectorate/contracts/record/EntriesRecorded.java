package org.selectorate.contracts.record;

import java.util.List;

/**
 * Entries appended to a ballot's public record by one batch of its writer (topic {@code selectorate.records},
 * key: ballot id). Trackers are public (each is on the record); notification-service uses them to send the
 * receipts voters asked for.
 */
public record EntriesRecorded(String ballotId, List<String> trackers) {
    public static final String TYPE = "org.selectorate.record.EntriesRecorded";
}
