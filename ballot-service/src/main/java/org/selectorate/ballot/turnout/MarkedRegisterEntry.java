package org.selectorate.ballot.turnout;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A member who was issued a ballot, by channel and time; at most one per member and ballot. */
@Entity
@Table(name = "marked_register")
public class MarkedRegisterEntry extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "ballot_id", nullable = false)
    public UUID ballotId;

    @Column(name = "membership_number", nullable = false)
    public String membershipNumber;

    @Column(nullable = false)
    public String channel;

    @Column(name = "marked_at", nullable = false)
    public Instant markedAt;
}
