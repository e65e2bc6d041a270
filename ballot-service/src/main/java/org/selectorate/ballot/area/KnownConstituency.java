package org.selectorate.ballot.area;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A constituency ballot-service has learnt of from the organisation topic. */
@Entity
@Table(name = "known_constituency")
public class KnownConstituency extends PanacheEntityBase {
    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String region;

    @Column(name = "learnt_at", nullable = false)
    public Instant learntAt;

    @Column(nullable = false)
    public int revisions;
}
