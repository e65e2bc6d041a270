package org.selectorate.ballot.step;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A candidate's place on a selection's shortlist, and on what basis they hold it. */
@Entity
@Table(name = "shortlist_place")
@IdClass(ShortlistPlace.Key.class)
public class ShortlistPlace extends PanacheEntityBase {
    /** Reached the rulebook's nomination thresholds. */
    public static final String THRESHOLD = "threshold";
    /** Added by the rulebook's gender-balance rule; {@link #reason} says why this candidate. */
    public static final String GENDER_BALANCE = "gender-balance";
    /** Added by the procedures committee as the rulebook allows, co-signed ({@link #proposalId}). */
    public static final String COMMITTEE = "committee";
    /** Set by hand, where the rulebook has no thresholds. */
    public static final String MANUAL = "manual";

    @Id
    @Column(name = "selection_id")
    public UUID selectionId;

    @Id
    @Column(name = "candidate_id")
    public UUID candidateId;

    @Column(nullable = false)
    public int place;

    @Column(nullable = false)
    public String basis;

    public String reason;

    @Column(name = "proposal_id")
    public UUID proposalId;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    @Column(name = "added_by", nullable = false)
    public String addedBy;

    static ShortlistPlace of(UUID selectionId, UUID candidateId, int place, String basis, String reason,
                             UUID proposalId, Instant at, String by) {
        ShortlistPlace p = new ShortlistPlace();
        p.selectionId = selectionId;
        p.candidateId = candidateId;
        p.place = place;
        p.basis = basis;
        p.reason = reason;
        p.proposalId = proposalId;
        p.addedAt = at;
        p.addedBy = by;
        return p;
    }

    public static class Key implements Serializable {
        public UUID selectionId;
        public UUID candidateId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(selectionId, k.selectionId)
                    && Objects.equals(candidateId, k.candidateId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(selectionId, candidateId);
        }
    }
}
