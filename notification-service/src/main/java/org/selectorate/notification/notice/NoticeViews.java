package org.selectorate.notification.notice;

import java.time.Instant;
import java.util.UUID;

/** Response bodies of the notice API. */
public final class NoticeViews {
    public record Acknowledgement(UUID noticeId, String kind, String summary, Instant acknowledgedAt) {
    }

    /** Who was told what, when, and whether it was delivered and acknowledged. */
    public record LedgerEntry(UUID noticeId, String ballotId, String kind, String summary, Instant eventAt,
                              String memberId, String name, String role, String recipient, String status,
                              int attempts, Instant createdAt, Instant deliveredAt, Instant failedAt, String lastError,
                              Instant acknowledgedAt) {
        static LedgerEntry of(Notice n, CommitteeSeat seat) {
            return new LedgerEntry(n.id, n.ballotId, n.kind, n.summary, n.eventAt, n.memberId, seat.name, seat.role,
                    n.recipient, n.status, n.attempts, n.createdAt, n.deliveredAt, n.failedAt, n.lastError,
                    n.acknowledgedAt);
        }
    }

    private NoticeViews() {
    }
}
