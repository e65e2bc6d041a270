package org.selectorate.membership.roll;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A post-freeze change to a roll: it takes effect only when a scrutineer other than the proposer approves. */
@Entity
@Table(name = "roll_change")
public class RollChange extends PanacheEntityBase {
    @Id
    @Schema(example = "3c9d2f1e-7a4b-4e8c-b1d6-2f5a8c3e9d70")
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    @Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f")
    public String selectionId;

    /** {@code add} or {@code remove}. */
    @Column(nullable = false)
    @Schema(example = "add")
    public String action;

    @Column(name = "membership_number", nullable = false)
    @Schema(example = "NW-001-000123")
    public String membershipNumber;

    @Column(nullable = false)
    @Schema(example = "Membership renewal received before the freeze date, entered after")
    public String reason;

    @Column(name = "base_version", nullable = false)
    @Schema(example = "1")
    public int baseVersion;

    /** {@code pending} or {@code approved}. */
    @Column(nullable = false)
    @Schema(example = "approved")
    public String status;

    @Column(name = "proposed_by", nullable = false)
    @Schema(example = "regional")
    public String proposedBy;

    /** The proposer's token subject: what the second person's must differ from. */
    @Column(name = "proposed_by_subject")
    @Schema(example = "7d2e9b14-3f6a-4c8d-a5e1-6b9c0f2d8a31")
    public String proposedBySubject;

    @Column(name = "proposed_at", nullable = false)
    @Schema(example = "2026-12-01T10:15:00Z")
    public Instant proposedAt;

    @Column(name = "approved_by")
    @Schema(example = "scrutineer")
    public String approvedBy;

    @Column(name = "approved_at")
    @Schema(example = "2026-12-01T14:40:00Z")
    public Instant approvedAt;

    @Column(name = "result_version")
    @Schema(example = "2")
    public Integer resultVersion;
}
