package org.selectorate.contracts.notice;

import java.time.Instant;

/**
 * A committee member followed the signed acknowledgement link of a notice (topic {@code selectorate.notices},
 * key: selection id); sent once per notice.
 */
public record NoticeAcknowledged(String selectionId, String noticeId, String memberId, String kind,
                                 Instant acknowledgedAt) {
    public static final String TYPE = "org.selectorate.notice.NoticeAcknowledged";
}
