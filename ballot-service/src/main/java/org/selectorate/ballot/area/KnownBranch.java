package org.selectorate.ballot.area;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A party branch of a constituency, learnt from {@code BranchCreated}. */
@Entity
@Table(name = "known_branch")
public class KnownBranch extends PanacheEntityBase {
    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String constituency;

    @Column(name = "learnt_at", nullable = false)
    public Instant learntAt;
}
