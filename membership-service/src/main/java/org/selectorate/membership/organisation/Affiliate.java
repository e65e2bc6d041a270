package org.selectorate.membership.organisation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** An affiliated union branch or socialist society of a constituency (it nominates and votes as one unit). */
@Entity
public class Affiliate extends PanacheEntityBase {
    @Id
    @Schema(example = "NW-001-UNITE")
    public String code;

    @Column(nullable = false)
    @Schema(example = "Unite North West")
    public String name;

    @Column(nullable = false)
    @Schema(example = "NW-001")
    public String constituency;

    /** {@code union} or {@code society}. */
    @Column(nullable = false)
    @Schema(example = "union")
    public String kind;

    @Column(name = "created_at", nullable = false)
    @Schema(example = "2026-10-01T09:20:00Z")
    public Instant createdAt;
}
