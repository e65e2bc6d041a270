package org.selectorate.ballot.cosign;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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

    // Examples for the API contract: a close-ballot proposal; EXAMPLE_DIGEST is the SHA-256 of EXAMPLE_CANONICAL.
    static final String EXAMPLE_CANONICAL =
            "{\"change\":{},\"kind\":\"close-ballot\","
            + "\"proposal\":\"2d7a9c5e-8b1f-4e36-9a04-c6e1f3b8d7a2\","
            + "\"proposer\":\"a3f1c9e2-7b4d-4e8a-9c06-5d2b8f1e7a94\",\"proposerRole\":\"regional-admin\","
            + "\"reason\":\"The NEC moved the count forward a day; close the ballot with it\","
            + "\"selection\":\"5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f\","
            + "\"state\":{\"closesAt\":\"2026-12-14T17:00:00Z\",\"status\":\"open\"},"
            + "\"target\":\"0b1e4c9a-4f6e-4c1e-9a8d-3f2b7c6d5e4f\"}";
    public static final String EXAMPLE_DIGEST = "65862c0eee42f9e68f430544aeccbb7425cfee6e4917868391ac4dde4b28401f";

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
    public record View(@Schema(example = "2d7a9c5e-8b1f-4e36-9a04-c6e1f3b8d7a2") UUID id,
                       @Schema(example = "/api/ballots/proposals/2d7a9c5e-8b1f-4e36-9a04-c6e1f3b8d7a2") String href,
                       @Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") UUID selectionId,
                       @Schema(example = "close-ballot") String kind,
                       @Schema(example = "0b1e4c9a-4f6e-4c1e-9a8d-3f2b7c6d5e4f") UUID targetId,
                       @Schema(example = "The NEC moved the count forward a day; close the ballot with it")
                       String reason,
                       @Schema(example = "regional") String proposedBy,
                       @Schema(example = "a3f1c9e2-7b4d-4e8a-9c06-5d2b8f1e7a94") String proposerSubject,
                       @Schema(example = "regional-admin") String proposerRole,
                       @Schema(example = "2026-12-12T10:05:00Z") Instant proposedAt,
                       @Schema(example = "done") String status,
                       @Schema(example = "scrutineer") String decidedBy,
                       @Schema(example = "c8e4a1f7-2d9b-4b3e-8f65-1a7c0d9e3b52") String deciderSubject,
                       @Schema(example = "scrutineer") String deciderRole,
                       @Schema(example = "Confirmed the new count date with the NEC") String decisionReason,
                       @Schema(example = "2026-12-12T10:40:00Z") Instant decidedAt,
                       @Schema(example = EXAMPLE_CANONICAL) String canonical,
                       @Schema(example = EXAMPLE_DIGEST) String digest) {
        public static View of(Proposal p) {
            return new View(p.id, Proposal.href(p.id), p.selectionId, p.kind, p.targetId, p.reason, p.proposedBy,
                    p.proposerSubject, p.proposerRole, p.proposedAt, p.status, p.decidedBy, p.deciderSubject,
                    p.deciderRole, p.decisionReason, p.decidedAt, p.canonical, p.digest);
        }
    }
}
