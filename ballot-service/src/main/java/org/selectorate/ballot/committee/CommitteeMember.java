package org.selectorate.ballot.committee;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A member of a selection's committee; a removal is recorded, never deleted. */
@Entity
@Table(name = "committee_member")
public class CommitteeMember extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(nullable = false)
    public String role;

    public String webhook;

    @Column(name = "appointed_by", nullable = false)
    public String appointedBy;

    @Column(name = "appointed_at", nullable = false)
    public Instant appointedAt;

    @Column(name = "removed_at")
    public Instant removedAt;
}
