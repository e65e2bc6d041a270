package org.selectorate.contracts.ballot;

import java.time.Instant;

/**
 * A step of a selection's timetable that every committee member must be told of (topic
 * {@code selectorate.ballots}, key: selection id, so it follows the committee's own events).
 *
 * @param ballotId the ballot concerned, or null for a step that is not about a ballot
 * @param kind     {@code ballot-scheduled}, {@code ballot-opened} or {@code ballot-closed}
 * @param at       when the step takes effect (for {@code ballot-scheduled}: when the ballot closes)
 * @param summary  one line for people, e.g. the notice's subject
 */
public record TimetableEvent(String selectionId, String ballotId, String kind, Instant at, String summary) {
    public static final String TYPE = "org.selectorate.ballot.TimetableEvent";
    public static final String BALLOT_SCHEDULED = "ballot-scheduled";
    public static final String BALLOT_OPENED = "ballot-opened";
    public static final String BALLOT_CLOSED = "ballot-closed";
}
