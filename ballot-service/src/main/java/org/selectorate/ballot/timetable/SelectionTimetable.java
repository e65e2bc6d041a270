package org.selectorate.ballot.timetable;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A selection's nominations period and shortlist. */
@Entity
@Table(name = "selection_timetable")
public class SelectionTimetable extends PanacheEntityBase {
    @Id
    @Column(name = "selection_id")
    public UUID selectionId;

    @Column(name = "nominations_opened_at")
    public Instant nominationsOpenedAt;

    @Column(name = "nominations_closed_at")
    public Instant nominationsClosedAt;

    @Column(name = "shortlisted_at")
    public Instant shortlistedAt;

    @Column(name = "shortlisted_by")
    public String shortlistedBy;

    /** Candidate ids, in the order given, one per line. */
    @Column(name = "shortlist")
    public String shortlist;

    boolean nominationsOpen() {
        return nominationsOpenedAt != null && nominationsClosedAt == null;
    }

    List<UUID> shortlisted() {
        return shortlist == null ? List.of() : Arrays.stream(shortlist.split("\n")).map(UUID::fromString).toList();
    }
}
