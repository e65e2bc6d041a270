package org.selectorate.contracts.ballot;

import java.time.Instant;

/**
 * A step of a selection's timetable that every committee member must be told of (topic
 * {@code selectorate.ballots}, key: selection id, so it follows the committee's own events).
 *
 * @param ballotId the ballot concerned, or null for a step that is not about a ballot
 * @param kind     one of the kind constants below
 * @param at       when the step takes effect (for {@code ballot-scheduled}: when the ballot closes; for
 *                 {@code meeting-scheduled} and {@code meeting-changed}: when the meeting starts; for
 *                 {@code meeting-cancelled}: when it was cancelled)
 * @param summary  one line for people, e.g. the notice's subject
 * @param meeting  the meeting as it now stands, for the {@code meeting-*} kinds; null otherwise
 */
public record TimetableEvent(String selectionId, String ballotId, String kind, Instant at, String summary,
                             Meeting meeting) {
    public static final String TYPE = "org.selectorate.ballot.TimetableEvent";
    public static final String BALLOT_SCHEDULED = "ballot-scheduled";
    public static final String BALLOT_OPENED = "ballot-opened";
    public static final String BALLOT_CLOSED = "ballot-closed";
    public static final String MEETING_SCHEDULED = "meeting-scheduled";
    public static final String MEETING_CHANGED = "meeting-changed";
    public static final String MEETING_CANCELLED = "meeting-cancelled";
    public static final String NOMINATIONS_OPENED = "nominations-opened";
    public static final String NOMINATIONS_CLOSED = "nominations-closed";
    public static final String SHORTLIST = "shortlist";
    /** A trigger ballot's step opened (affiliates' returns accepted until the deadline in the summary). */
    public static final String TRIGGER_OPENED = "trigger-opened";
    /** A trigger ballot's step closed and its outcome counted (the summary says triggered or not). */
    public static final String TRIGGER_CLOSED = "trigger-closed";
    /** Sent by notification-service itself when a {@code ResultPublished} arrives; ballot-service never emits it. */
    public static final String RESULT = "result";

    /**
     * A meeting of the selection.
     *
     * @param id       stable for the meeting's life: calendar entries are keyed by it
     * @param sequence 0 when scheduled, one more with each change and with the cancellation; a start needs every
     *                 member told of the meeting at its current sequence
     * @param reason   why it was cancelled; null unless cancelled
     * @param branch   the code of the branch whose members are summoned, or null for a meeting open to every
     *                 elector (a hustings). Absent from events written before it was added: read as null
     */
    public record Meeting(String id, int sequence, String title, Instant startsAt, Instant endsAt, String location,
                          String reason, String branch) {
    }
}
