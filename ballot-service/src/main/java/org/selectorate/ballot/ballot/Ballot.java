package org.selectorate.ballot.ballot;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A selection's final ballot (AV). Its private key lives apart, in {@link BallotKey}. */
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

    public List<String> candidates() {
        return paper == null ? List.of() : Arrays.asList(paper.split("\n"));
    }

    public void setCandidates(List<String> names) {
        paper = String.join("\n", names);
    }
}
