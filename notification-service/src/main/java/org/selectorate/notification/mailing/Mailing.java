package org.selectorate.notification.mailing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A candidate mailing as sent: who sent it, when, what, and to how many electors (never to whom). */
@Entity
@Table(name = "mailing")
public class Mailing extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public String selectionId;

    @Column(name = "candidate_id", nullable = false)
    public String candidateId;

    @Column(name = "candidate_name", nullable = false)
    public String candidateName;

    @Column(name = "sent_by", nullable = false)
    public String sentBy;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String body;

    @Column(name = "roll_version", nullable = false)
    public int rollVersion;

    @Column(nullable = false)
    public int recipients;
}
