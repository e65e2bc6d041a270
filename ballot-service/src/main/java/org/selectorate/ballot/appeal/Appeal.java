package org.selectorate.ballot.appeal;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An appeal against a declared result: lodged (and acknowledged with its {@link #reference}) by a candidate or a
 * member on the roll, decided once by HQ. Days only, never instants; a member appellant is kept for HQ
 * ({@link #lodgedBy}) and never published.
 */
@Entity
@Table(name = "appeal")
public class Appeal extends PanacheEntityBase {
    public static final String LODGED = "lodged";
    public static final String DISMISSED = "dismissed";
    public static final String UPHELD = "upheld";
    public static final String RECOUNT = "recount";
    public static final String RE_RUN = "re-run";
    public static final String BY_CANDIDATE = "candidate";
    public static final String BY_MEMBER = "member";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String reference;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    /** The declared final ballot appealed against. */
    @Column(name = "ballot_id", nullable = false)
    public UUID ballotId;

    @Column(name = "appellant_kind", nullable = false)
    public String appellantKind;

    /** A candidate appellant's candidate; null for a member. */
    @Column(name = "candidate_id")
    public UUID candidateId;

    /** The appellant's username, for HQ. */
    @Column(name = "lodged_by", nullable = false)
    public String lodgedBy;

    @Column(nullable = false)
    public String grounds;

    @Column(name = "lodged_on", nullable = false)
    public LocalDate lodgedOn;

    @Column(nullable = false)
    public String status;

    public String remedy;

    public String reasons;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_on")
    public LocalDate decidedOn;

    /** A recount's outcome, from tally-service's {@code RecountCompleted}: who it elects (JSON array). */
    @Column(name = "recount_elected")
    public String recountElected;

    @Column(name = "recount_same")
    public Boolean recountSame;

    @Column(name = "recounted_on")
    public LocalDate recountedOn;

    public boolean decided() {
        return !LODGED.equals(status);
    }
}
