package org.selectorate.membership.selection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A ballot of a selection, from BallotOpened; closed from BallotClosed. */
@Entity
@Table(name = "selection_ballot")
public class SelectionBallot extends PanacheEntityBase {
    @Id
    @Column(name = "ballot_id")
    public String ballotId;

    @Column(name = "selection_id", nullable = false)
    public String selectionId;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "closed_at")
    public Instant closedAt;
}
