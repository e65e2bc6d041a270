package org.selectorate.ballot.committee;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * Leave to start a ballot or a meeting without every committee member told: recorded by an admin, co-signed by a
 * scrutineer.
 */
@Entity
@Table(name = "notice_override")
public class NoticeOverride extends PanacheEntityBase {
    public static final String BALLOT = "ballot";
    public static final String MEETING = "meeting";

    /** The ballot's or the meeting's id. */
    @Id
    @Column(name = "subject_id")
    public UUID subjectId;

    /** {@link #BALLOT} or {@link #MEETING}. */
    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String reason;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "cosigned_by")
    public String cosignedBy;

    @Column(name = "cosigned_at")
    public Instant cosignedAt;

    /** @param ballotId  set for a ballot's override; {@code meetingId} for a meeting's */
    public record View(UUID ballotId, UUID meetingId, String reason, String recordedBy, Instant recordedAt,
                       String cosignedBy, Instant cosignedAt) {
        static View of(NoticeOverride o) {
            boolean ballot = BALLOT.equals(o.subject);
            return new View(ballot ? o.subjectId : null, ballot ? null : o.subjectId, o.reason, o.recordedBy,
                    o.recordedAt, o.cosignedBy, o.cosignedAt);
        }
    }
}
