package org.selectorate.ballot.cosign;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An action proposed by one person and done only when a scrutineer, another person, co-signs it. Bound to what it
 * proposed and the state it was proposed in: {@link #canonical} (RFC 8785 JSON) and its SHA-256 {@link #digest}.
 */
@Entity
@Table(name = "proposal")
public class Proposal extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String DONE = "done";
    public static final String DECLINED = "declined";

    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    /** Which {@link CosignedAction}. */
    @Column(nullable = false)
    public String kind;

    /** The candidate, ballot or meeting the action is on. */
    @Column(name = "target_id", nullable = false)
    public UUID targetId;

    @Column(nullable = false)
    public String canonical;

    /** Hex SHA-256 of {@link #canonical}'s UTF-8 bytes. */
    @Column(nullable = false)
    public String digest;

    @Column(nullable = false)
    public String reason;

    /** The proposer's username, for people to read. */
    @Column(name = "proposed_by", nullable = false)
    public String proposedBy;

    /** The proposer's token subject: what "another person" is decided by. */
    @Column(name = "proposer_subject", nullable = false)
    public String proposerSubject;

    @Column(name = "proposer_role", nullable = false)
    public String proposerRole;

    @Column(name = "proposed_at", nullable = false)
    public Instant proposedAt;

    @Column(nullable = false)
    public String status;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decider_subject")
    public String deciderSubject;

    @Column(name = "decider_role")
    public String deciderRole;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public static String href(UUID id) {
        return "/api/ballots/proposals/" + id;
    }

    /** A proposal as the API shows it; {@code canonical} is exactly what {@code digest} is the SHA-256 of. */
    public record View(UUID id, String href, UUID selectionId, String kind, UUID targetId, String reason,
                       String proposedBy, String proposerSubject, String proposerRole, Instant proposedAt,
                       String status, String decidedBy, String deciderSubject, String deciderRole,
                       String decisionReason, Instant decidedAt, String canonical, String digest) {
        public static View of(Proposal p) {
            return new View(p.id, Proposal.href(p.id), p.selectionId, p.kind, p.targetId, p.reason, p.proposedBy,
                    p.proposerSubject, p.proposerRole, p.proposedAt, p.status, p.decidedBy, p.deciderSubject,
                    p.deciderRole, p.decisionReason, p.decidedAt, p.canonical, p.digest);
        }
    }
}
