package org.selectorate.ballot.area;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A constituency ballot-service has learnt of from the organisation topic. */
@Entity
@Table(name = "known_constituency")
public class KnownConstituency extends PanacheEntityBase {
    @Id
    @Schema(example = "NW-001")
    public String code;

    @Column(nullable = false)
    @Schema(example = "Demo Constituency")
    public String name;

    @Column(nullable = false)
    @Schema(example = "NW")
    public String region;

    @Column(name = "learnt_at", nullable = false)
    @Schema(example = "2026-10-01T09:05:02Z")
    public Instant learntAt;

    /** How many distinct events changed it. */
    @Column(nullable = false)
    @Schema(example = "2")
    public int revisions;
}
