package org.selectorate.ballot.turnout;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A member who was issued a ballot, by channel and day (UTC); at most one per member and ballot. The day only: a
 * finer time could be joined with the public record's order and times.
 */
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

    @Column(name = "marked_on", nullable = false)
    public LocalDate markedOn;
}
