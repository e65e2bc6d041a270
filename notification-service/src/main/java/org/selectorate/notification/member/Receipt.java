package org.selectorate.notification.member;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A receipt a voter asked for with their access code: the tracker is held only until it is on the record, then
 * moved into a pending mail (whose body is erased once sent) and erased here.
 */
@Entity
@Table(name = "receipt")
public class Receipt extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The access-code alert: its recipient is the address held at the freeze. One receipt per code. */
    @Column(name = "access_alert_id", nullable = false)
    public Long accessAlertId;

    @Column(name = "ballot_id", nullable = false)
    public String ballotId;

    public String tracker;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "queued_at")
    public Instant queuedAt;

    @Column(name = "alert_id")
    public Long alertId;
}
