package org.selectorate.contracts.notice;

import java.time.Instant;

/**
 * A timetable notice was accepted by the SMTP server for a committee member (topic {@code selectorate.notices},
 * key: selection id). ballot-service counts it towards the notice a start needs, unless a permanent
 * {@link NoticeBounced} of it follows.
 *
 * @param kind      the {@code TimetableEvent} kind the notice was about
 * @param meetingId the meeting a {@code meeting-*} notice was about; null otherwise
 * @param sequence  the meeting's sequence the notice told of; null unless {@code meetingId} is set
 */
public record NoticeDelivered(String selectionId, String noticeId, String memberId, String kind, Instant deliveredAt,
                              String meetingId, Integer sequence) {
    public static final String TYPE = "org.selectorate.notice.NoticeDelivered";
}
