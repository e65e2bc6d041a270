package org.selectorate.membership.organisation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Entity
public class Constituency extends PanacheEntityBase {
    @Id
    @Schema(example = "NW-001")
    public String code;

    @Column(nullable = false)
    @Schema(example = "Demo Constituency")
    public String name;

    @Column(nullable = false)
    @Schema(example = "NW")
    public String region;

    @Column(name = "created_at", nullable = false)
    @Schema(example = "2026-10-01T09:05:00Z")
    public Instant createdAt;
}
