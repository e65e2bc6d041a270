package org.selectorate.notification.notice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A committee member as ballot-service announced them; removal is recorded, never deleted. */
@Entity
@Table(name = "committee_seat")
public class CommitteeSeat extends PanacheEntityBase {
    @Id
    @Column(name = "member_id")
    public String memberId;

    @Column(name = "selection_id", nullable = false)
    public String selectionId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(nullable = false)
    public String role;

    public String region;

    public String constituency;

    /** Where the member's notices are also sent as signed JSON; null for none. */
    public String webhook;

    @Column(name = "appointed_at", nullable = false)
    public Instant appointedAt;

    @Column(name = "removed_at")
    public Instant removedAt;
}
