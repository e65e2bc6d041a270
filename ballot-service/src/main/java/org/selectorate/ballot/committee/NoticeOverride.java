package org.selectorate.ballot.committee;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Leave to open a ballot without every committee member told: recorded by an admin, co-signed by a scrutineer. */
@Entity
@Table(name = "notice_override")
public class NoticeOverride extends PanacheEntityBase {
    @Id
    @Column(name = "ballot_id")
    public UUID ballotId;

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

    public record View(UUID ballotId, String reason, String recordedBy, Instant recordedAt, String cosignedBy,
                       Instant cosignedAt) {
        static View of(NoticeOverride o) {
            return new View(o.ballotId, o.reason, o.recordedBy, o.recordedAt, o.cosignedBy, o.cosignedAt);
        }
    }
}
