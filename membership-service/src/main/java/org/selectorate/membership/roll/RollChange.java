package org.selectorate.membership.roll;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A post-freeze change to a roll: it takes effect only when a scrutineer other than the proposer approves. */
@Entity
@Table(name = "roll_change")
public class RollChange extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public String selectionId;

    /** {@code add} or {@code remove}. */
    @Column(nullable = false)
    public String action;

    @Column(name = "membership_number", nullable = false)
    public String membershipNumber;

    @Column(nullable = false)
    public String reason;

    @Column(name = "base_version", nullable = false)
    public int baseVersion;

    /** {@code pending} or {@code approved}. */
    @Column(nullable = false)
    public String status;

    @Column(name = "proposed_by", nullable = false)
    public String proposedBy;

    /** The proposer's token subject: what the second person's must differ from. */
    @Column(name = "proposed_by_subject")
    public String proposedBySubject;

    @Column(name = "proposed_at", nullable = false)
    public Instant proposedAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "result_version")
    public Integer resultVersion;
}
