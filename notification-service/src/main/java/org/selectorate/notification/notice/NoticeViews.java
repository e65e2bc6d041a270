package org.selectorate.notification.notice;

import org.selectorate.contracts.ballot.TimetableEvent;

import java.time.Instant;
import java.util.UUID;

/** Response bodies of the notice API. */
public final class NoticeViews {
    /** What the acknowledgement page shows before the member confirms. */
    public record ToAcknowledge(UUID noticeId, String selectionId, String ballotId, String kind, String summary,
                                Instant eventAt, Instant acknowledgedAt) {
    }

    public record Acknowledgement(UUID noticeId, String kind, String summary, Instant acknowledgedAt) {
    }

    /** Who was told what, when, and whether it was delivered, bounced and acknowledged. */
    public record LedgerEntry(UUID noticeId, String ballotId, String kind, String summary, Instant eventAt,
                              String memberId, String name, String role, String recipient, String status,
                              int attempts, Instant createdAt, Instant deliveredAt, Instant failedAt, String lastError,
                              Instant acknowledgedAt, String meetingId, Integer sequence, String messageId,
                              Instant bouncedAt, String bounceReason, Boolean bouncePermanent) {
        /** A committee member's notice, with their seat; or a candidate's, with their name and role "candidate". */
        static LedgerEntry of(Notice n, String name, String role) {
            TimetableEvent.Meeting meeting = MeetingJson.read(n.meeting);
            return new LedgerEntry(n.id, n.ballotId, n.kind, n.summary, n.eventAt, n.memberId, name, role,
                    n.recipient, n.status, n.attempts, n.createdAt, n.deliveredAt, n.failedAt, n.lastError,
                    n.acknowledgedAt, meeting == null ? null : meeting.id(), meeting == null ? null : meeting.sequence(),
                    n.messageId, n.bouncedAt, n.bounceReason, n.bouncePermanent);
        }
    }

    /** A notice as a committee member's own webhook receives it ({@code data} of a {@code notice} webhook). */
    public record MemberWebhook(UUID noticeId, String selectionId, String ballotId, String kind, String summary,
                                Instant eventAt, String memberId, String name, String role,
                                TimetableEvent.Meeting meeting) {
        static MemberWebhook of(Notice n, CommitteeSeat seat, TimetableEvent.Meeting meeting) {
            return new MemberWebhook(n.id, n.selectionId, n.ballotId, n.kind, n.summary, n.eventAt, n.memberId,
                    seat.name, seat.role, meeting);
        }
    }

    /** What the bounce webhook answers. */
    public record Bounce(UUID noticeId, String messageId, String status, boolean permanent, String reason,
                         Instant bouncedAt) {
    }

    private NoticeViews() {
    }
}
