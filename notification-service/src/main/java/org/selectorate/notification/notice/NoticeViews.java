package org.selectorate.notification.notice;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.contracts.ballot.TimetableEvent;

import java.time.Instant;
import java.util.UUID;

/** Response bodies of the notice API. */
public final class NoticeViews {
    static final String NOTICE_ID = "9a4c6e2b-5d1f-4b7a-8c3e-1f6d2a9b4e57";
    static final String MESSAGE_ID = "<notice-" + NOTICE_ID + "@notices.example.org>";
    static final String BOUNCE_REASON = "550 5.1.1 <jo.bennett@example.org>: Recipient address rejected: "
            + "User unknown";
    private static final String SUMMARY = "Meeting scheduled: NW-001-B1 nomination meeting, 12 November 2026 18:30 "
            + "UTC at Community Centre, 14 Station Road";

    /** What the acknowledgement page shows before the member confirms. */
    public record ToAcknowledge(UUID noticeId, String selectionId, String ballotId, String kind, String summary,
                                Instant eventAt, Instant acknowledgedAt) {
    }

    public record Acknowledgement(@Schema(example = NOTICE_ID) UUID noticeId,
                                  @Schema(example = "meeting-scheduled") String kind,
                                  @Schema(example = SUMMARY) String summary,
                                  @Schema(example = "2026-11-10T09:15:00Z") Instant acknowledgedAt) {
    }

    /** Who was told what, when, and whether it was delivered, bounced and acknowledged. */
    public record LedgerEntry(@Schema(example = NOTICE_ID) UUID noticeId,
                              @Schema(example = "0b1e4c9a-4f6e-4c1e-9a8d-3f2b7c6d5e4f") String ballotId,
                              @Schema(example = "meeting-scheduled") String kind,
                              @Schema(example = SUMMARY) String summary,
                              @Schema(example = "2026-11-12T18:30:00Z") Instant eventAt,
                              @Schema(example = "1f6c9a2e-7d3b-4e85-9b10-4a8e2c7f5d39") String memberId,
                              @Schema(example = "Jo Bennett") String name,
                              @Schema(example = "procedures-secretary") String role,
                              @Schema(example = "jo.bennett@example.org") String recipient,
                              @Schema(example = "delivered") String status,
                              @Schema(example = "1") int attempts,
                              @Schema(example = "2026-11-02T09:00:01Z") Instant createdAt,
                              @Schema(example = "2026-11-02T09:00:04Z") Instant deliveredAt,
                              @Schema(example = "2026-11-02T11:15:30Z") Instant failedAt,
                              @Schema(example = "421 4.3.2 Service not available, closing transmission channel")
                              String lastError,
                              @Schema(example = "2026-11-02T18:22:10Z") Instant acknowledgedAt,
                              @Schema(example = "6e2d8f14-3a9b-4c7e-a1d5-0f8b2c9e7a36") String meetingId,
                              @Schema(example = "0") Integer sequence,
                              @Schema(example = MESSAGE_ID) String messageId,
                              @Schema(example = "2026-11-02T09:20:00Z") Instant bouncedAt,
                              @Schema(example = BOUNCE_REASON) String bounceReason,
                              Boolean bouncePermanent) {
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
    public record Bounce(@Schema(example = NOTICE_ID) UUID noticeId,
                         @Schema(example = MESSAGE_ID) String messageId,
                         @Schema(example = "bounced") String status,
                         boolean permanent,
                         @Schema(example = BOUNCE_REASON) String reason,
                         @Schema(example = "2026-11-02T09:20:00Z") Instant bouncedAt) {
    }

    private NoticeViews() {
    }
}
