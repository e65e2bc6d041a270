package org.selectorate.ballot.selection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.selectorate.integrity.audit.AuditScope;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A constituency's selection; its rules are in the {@link Rulebook} version it points at. */
@Entity
@Table(name = "selection")
public class Selection extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(nullable = false)
    public String constituency;

    /** Copied from the constituency at creation, so area checks need no join. */
    @Column(nullable = false)
    public String region;

    @Column(nullable = false)
    public String title;

    @Column(name = "freeze_date", nullable = false)
    public LocalDate freezeDate;

    @Column(name = "rulebook_version", nullable = false)
    public int rulebookVersion;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Where the audit log files an action on this selection or on anything of it: its area and its id. */
    public AuditScope auditScope() {
        return AuditScope.selection(region, constituency, id.toString());
    }

    /** How the audit log names this selection; what belongs to it is named below, e.g. {@code selection/S/ballot/B}. */
    public String auditTarget() {
        return "selection/" + id;
    }
}
