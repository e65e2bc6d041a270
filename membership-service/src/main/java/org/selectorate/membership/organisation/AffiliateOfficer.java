package org.selectorate.membership.organisation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
    public String affiliate;

    @Column(nullable = false)
    public String username;

    @Column(name = "display_name", nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(name = "added_by", nullable = false)
    public String addedBy;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    @Column(name = "removed_by")
    public String removedBy;

    @Column(name = "removed_at")
    public Instant removedAt;
}
