package org.selectorate.membership.organisation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import java.time.Instant;

/** A party branch of a constituency; members belong to one, and rolls count electors per branch. */
@Entity
public class Branch extends PanacheEntityBase {
    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String constituency;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
