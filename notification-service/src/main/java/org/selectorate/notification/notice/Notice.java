package org.selectorate.notification.notice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.UUID;

/**
 * A timetable notice to one committee member (or, for a declared result, to a candidate): pending, delivered (accepted by SMTP), failed, or bounced. The
 * dispatcher holds a notice while its mail is sent, and a member can acknowledge in that window: updating only the
 * columns each side changed keeps the dispatcher's write from erasing the acknowledgement.
 */
@Entity
@DynamicUpdate
@Table(name = "notice")
public class Notice extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    /** Accepted by SMTP, then reported by the provider as bounced for good: no longer counts as delivered. */
    public static final String BOUNCED = "bounced";
    /** Sent to a member of the selection's committee ({@code memberId} is their seat). */
    public static final String COMMITTEE = "committee";
    /** Sent to a candidate ({@code memberId} is the candidate's id): the declared result. */
    public static final String CANDIDATE = "candidate";

    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public String selectionId;

    @Column(name = "ballot_id")
    public String ballotId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "event_at", nullable = false)
    public Instant eventAt;

    @Column(nullable = false)
    public String summary;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    /** {@link #COMMITTEE} or {@link #CANDIDATE}: whom {@code memberId} names. */
    @Column(nullable = false)
    public String audience = COMMITTEE;

    @Column(nullable = false)
    public String recipient;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "failed_at")
    public Instant failedAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    /** The meeting of a meeting notice, as JSON ({@link MeetingJson}); null otherwise. */
    public String meeting;

    /** Set on the mail, so a provider's bounce report can name the notice. */
    @Column(name = "message_id")
    public String messageId;

    /** The latest bounce reported, permanent or not. */
    @Column(name = "bounced_at")
    public Instant bouncedAt;

    @Column(name = "bounce_reason")
    public String bounceReason;

    @Column(name = "bounce_permanent")
    public Boolean bouncePermanent;
}
