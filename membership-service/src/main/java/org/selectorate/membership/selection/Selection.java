package org.selectorate.membership.selection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;
import java.time.LocalDate;

/** A selection as ballot-service announced it: where, and by which rule its roll is frozen. */
@Entity
public class Selection extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String constituency;

    @Column(nullable = false)
    public String region;

    @Column(nullable = false)
    public String title;

    @Column(name = "freeze_date", nullable = false)
    public LocalDate freezeDate;

    @Column(name = "minimum_months", nullable = false)
    public int minimumMonths;

    @Column(name = "arrears_disqualify", nullable = false)
    public boolean arrearsDisqualify;

    @Column(name = "rulebook_version", nullable = false)
    public int rulebookVersion;

    @Column(name = "learnt_at", nullable = false)
    public Instant learntAt;
}
