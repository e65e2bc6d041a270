package org.selectorate.ballot.electorate;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One {@code RollEntries} chunk received; a chunk resent under a new event id is recognised by its number. */
@Entity
@Table(name = "roll_chunk")
public class RollChunk extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public int chunk;

    @Column(nullable = false)
    public int electors;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
