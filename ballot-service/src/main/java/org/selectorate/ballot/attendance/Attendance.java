package org.selectorate.ballot.attendance;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** A member's attendance at a meeting: no time, and a random key, so attendees have no order to be read in. */
@Entity
@Table(name = "meeting_attendance")
public class Attendance extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "meeting_id", nullable = false)
    public UUID meetingId;

    @Column(name = "membership_number", nullable = false)
    public String membershipNumber;

    @Column(name = "registered_by", nullable = false)
    public String registeredBy;
}
