package org.selectorate.ballot.ballot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.selectorate.contracts.ballot.BallotOpened;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A selection's final ballot (AV), or a vote at one of its meetings. Its private key lives apart, in
 * {@link BallotKey}.
 */
@Entity
@Table(name = "ballot")
public class Ballot extends PanacheEntityBase {
    public enum Status { DRAFT, OPEN, CLOSED }

    /** {@link #closedBy} of a ballot that closed by itself at {@link #closesAt}, not by a person. */
    public static final String CLOSED_BY_TIMETABLE = "timetable";

    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    @Column(nullable = false)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "closes_at", nullable = false)
    public Instant closesAt;

    @Column(name = "opens_at")
    public Instant opensAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** The admin who closed it, or {@link #CLOSED_BY_TIMETABLE}. */
    @Column(name = "closed_by")
    public String closedBy;
    /**
     * Closed, its sweep still to do (access codes' hashes deleted, marked register and postal packs rewritten in
     * membership-number order): a timetable close leaves it to {@code BallotCloser}'s next transaction.
     */
    @Column(name = "sweep_due")
    public boolean sweepDue;

    /** The paper, one name a line; set at opening. */
    @Column(name = "candidates")
    public String paper;

    @Column(name = "roll_version")
    public Integer rollVersion;

    public Long electorate;

    /** SPKI DER, base64url: published at opening. */
    @Column(name = "credential_key")
    public String credentialKey;

    public String variant;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** {@code final} (one per selection) or {@code meeting} (a vote at {@link #meetingId}, for its attendees). */
    @Column(nullable = false)
    public String kind = BallotOpened.FINAL;

    @Column(name = "meeting_id")
    public UUID meetingId;

    /** A meeting vote's kind, as opened: {@code yes-no} or {@code round} (of an exhaustive ballot); null otherwise. */
    @Column(name = "meeting_vote")
    public String meetingVote;

    /** When a meeting vote's record was released for publication (its step closed); null until then. */
    @Column(name = "released_at")
    public Instant releasedAt;

    /** A final ballot annulled when an appeal ordered a re-run (V22): the selection may schedule another. */
    @Column(name = "annulled_at")
    public Instant annulledAt;

    @Column(name = "annulled_by_appeal")
    public UUID annulledByAppeal;

    /** The selection's final ballot not annulled, or null before one is scheduled (or after a re-run is ordered). */
    public static Uni<Ballot> finalOf(UUID selectionId) {
        return find("selectionId = ?1 and kind = ?2 and annulledAt is null", selectionId, BallotOpened.FINAL)
                .firstResult();
    }

    public List<String> candidates() {
        return paper == null ? List.of() : Arrays.asList(paper.split("\n"));
    }

    public void setCandidates(List<String> names) {
        paper = String.join("\n", names);
    }
}
