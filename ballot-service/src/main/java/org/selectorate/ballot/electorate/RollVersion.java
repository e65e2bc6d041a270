package org.selectorate.ballot.electorate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A frozen roll version as announced by {@code RollFrozen}: what the chunks must add up to. */
@Entity
@Table(name = "roll_version")
public class RollVersion extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String constituency;

    @Column(nullable = false)
    public long electorate;

    @Column(nullable = false)
    public int chunks;

    @Column(name = "merkle_root", nullable = false)
    public String merkleRoot;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
