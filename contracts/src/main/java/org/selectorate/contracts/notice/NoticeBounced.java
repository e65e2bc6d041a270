package org.selectorate.contracts.notice;

import java.time.Instant;

/**
 * The mail provider reported that a notice the SMTP server had accepted bounced (topic
 * {@code selectorate.notices}, key: selection id).
 *
 * @param messageId the notice's Message-ID, as the bounce named it
 * @param permanent a permanent bounce (the address does not exist, the mailbox refuses): the notice no longer
 *                  counts as delivered; a temporary one is recorded and changes nothing else
 */
public record NoticeBounced(String selectionId, String noticeId, String memberId, String kind, String messageId,
                            String reason, boolean permanent, Instant bouncedAt) {
    public static final String TYPE = "org.selectorate.notice.NoticeBounced";
}
