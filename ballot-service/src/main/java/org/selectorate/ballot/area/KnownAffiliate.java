package org.selectorate.ballot.area;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An affiliate of a constituency (a union branch or socialist society), learnt from {@code AffiliateCreated}. */
@Entity
@Table(name = "known_affiliate")
public class KnownAffiliate extends PanacheEntityBase {
    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String constituency;

    /** {@code union} or {@code society}. */
    @Column(nullable = false)
    public String kind;

    @Column(name = "learnt_at", nullable = false)
    public Instant learntAt;
}
