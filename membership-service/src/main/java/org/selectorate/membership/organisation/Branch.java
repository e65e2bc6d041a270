package org.selectorate.membership.organisation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A party branch of a constituency; members belong to one, and rolls count electors per branch. */
@Entity
public class Branch extends PanacheEntityBase {
    @Id
    @Schema(example = "NW-001-B1")
    public String code;

    @Column(nullable = false)
    @Schema(example = "Branch 1")
    public String name;

    @Column(nullable = false)
    @Schema(example = "NW-001")
    public String constituency;

    @Column(name = "created_at", nullable = false)
    @Schema(example = "2026-10-01T09:10:00Z")
    public Instant createdAt;
}
