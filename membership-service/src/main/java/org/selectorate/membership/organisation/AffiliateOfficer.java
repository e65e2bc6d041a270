package org.selectorate.membership.organisation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * A person authorised to act for an affiliate (enter and confirm its returns), by their Keycloak username. Their
 * token must also carry the {@code affiliate-officer} role and name the affiliate in its {@code affiliates} claim.
 */
@Entity
@Table(name = "affiliate_officer")
public class AffiliateOfficer extends PanacheEntityBase {
    @Id
    @JsonIgnore
    public UUID id;

    @Column(nullable = false)
    @Schema(example = "NW-001-UNITE")
    public String affiliate;

    @Column(nullable = false)
    @Schema(example = "unite-chair")
    public String username;

    @Column(name = "display_name", nullable = false)
    @Schema(example = "Unite Chair")
    public String name;

    @Column(nullable = false)
    @Schema(example = "unite-chair@example.org")
    public String email;

    @Column(name = "added_by", nullable = false)
    @Schema(example = "regional")
    public String addedBy;

    @Column(name = "added_at", nullable = false)
    @Schema(example = "2026-10-02T10:00:00Z")
    public Instant addedAt;

    @Column(name = "removed_by")
    @Schema(example = "regional")
    public String removedBy;

    @Column(name = "removed_at")
    @Schema(example = "2026-11-16T15:30:00Z")
    public Instant removedAt;
}
