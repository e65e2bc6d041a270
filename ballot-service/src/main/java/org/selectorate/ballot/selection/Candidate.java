package org.selectorate.ballot.selection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A candidate in a selection; a withdrawal is recorded, never deleted. */
@Entity
@Table(name = "candidate")
public class Candidate extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    @Column(nullable = false)
    public String name;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    /**
     * The candidate's own declaration of gender (free text), optional: read only by a rulebook's gender-balance
     * rule on the shortlist, so a candidate who gave none is never counted as of its gender.
     */
    public String gender;

    /** Where the candidate is sent notices (the declared result), if given; not shown in the selection's view. */
    public String email;

    /** The candidate's own Keycloak username, if they have one. */
    public String account;

    /** Keycloak usernames of the candidate's agents, comma-separated (usernames hold no commas). */
    @Column(nullable = false)
    public String agents = "";

    public List<String> agentList() {
        return agents == null || agents.isEmpty() ? List.of() : List.of(agents.split(","));
    }
}
