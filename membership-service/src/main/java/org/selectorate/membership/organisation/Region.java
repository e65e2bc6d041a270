package org.selectorate.membership.organisation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Entity
public class Region extends PanacheEntityBase {
    @Id
    @Schema(example = "NW")
    public String code;

    @Column(nullable = false)
    @Schema(example = "North West")
    public String name;

    @Column(name = "created_at", nullable = false)
    @Schema(example = "2026-10-01T09:00:00Z")
    public Instant createdAt;
}
