package org.selectorate.contracts.notice;

import java.time.Instant;

/**
 * A timetable notice was accepted by the SMTP server for a committee member (topic {@code selectorate.notices},
 * key: selection id). ballot-service counts it towards the notice a start needs.
 *
 * @param kind the {@code TimetableEvent} kind the notice was about
 */
public record NoticeDelivered(String selectionId, String noticeId, String memberId, String kind, Instant deliveredAt) {
    public static final String TYPE = "org.selectorate.notice.NoticeDelivered";
}
