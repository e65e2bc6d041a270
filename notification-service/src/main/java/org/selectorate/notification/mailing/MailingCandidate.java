package org.selectorate.notification.mailing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A candidate and the usernames that act for them, from the latest {@code CandidateNominated}. */
@Entity
@Table(name = "mailing_candidate")
public class MailingCandidate extends PanacheEntityBase {
    @Id
    @Column(name = "candidate_id")
    public String candidateId;

    @Column(name = "selection_id", nullable = false)
    public String selectionId;

    @Column(nullable = false)
    public String name;

    public String account;

    /** Comma-separated Keycloak usernames (which hold no commas). */
    @Column(nullable = false)
    public String agents;

    /** Where the candidate is sent notices (the declared result); null if none is held. */
    public String email;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    public boolean actsFor(String username) {
        return username != null && (username.equals(account)
                || (!agents.isEmpty() && List.of(agents.split(",")).contains(username)));
    }
}
