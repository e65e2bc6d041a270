package org.selectorate.contracts.notice;

import java.time.Instant;

/**
 * A timetable notice could not be delivered after the last attempt (topic {@code selectorate.notices}, key:
 * selection id).
 *
 * @param reason the mailer's last error
 */
public record NoticeFailed(String selectionId, String noticeId, String memberId, String kind, int attempts,
                           String reason, Instant failedAt) {
    public static final String TYPE = "org.selectorate.notice.NoticeFailed";
}
