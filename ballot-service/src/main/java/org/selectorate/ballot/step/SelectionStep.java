package org.selectorate.ballot.step;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One step of a selection before the final ballot: opened once with its returns deadline, closed once. */
@Entity
@Table(name = "selection_step")
public class SelectionStep extends PanacheEntityBase {
    public static final String TRIGGER = "trigger";
    public static final String NOMINATIONS = "nominations";

    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    @Column(nullable = false)
    public String step;

    /** Affiliates' returns entered after this need a scrutineer's co-signed override. */
    @Column(name = "returns_deadline", nullable = false)
    public Instant returnsDeadline;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "opened_by", nullable = false)
    public String openedBy;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    /**
     * The step's counted outcome as RFC 8785 JSON, once closed: the trigger counted, or every candidate's nominations
     * and the shortlist by threshold.
     */
    public String outcome;

    /** Nominations: when and by whom the shortlist was published (by the thresholds at the close, or by hand). */
    @Column(name = "shortlisted_at")
    public Instant shortlistedAt;

    @Column(name = "shortlisted_by")
    public String shortlistedBy;

    public boolean open() {
        return closedAt == null;
    }

    public String target() {
        return "step/" + step;
    }

    static Uni<SelectionStep> find(UUID selectionId, String step) {
        return find("selectionId = ?1 and step = ?2", selectionId, step).firstResult();
    }

    /** The step's row locked for this transaction: returns and the close are decided one at a time. */
    static Uni<SelectionStep> lock(UUID selectionId, String step) {
        return find("selectionId = ?1 and step = ?2", selectionId, step)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
