package org.selectorate.ballot.committee;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.ballot.cosign.Proposal;

import java.time.Instant;
import java.util.UUID;

/**
 * Leave to start a ballot or a meeting without every committee member told: proposed by an admin, granted when a
 * scrutineer co-signs the proposal. A meeting's override is bound to the version of the meeting ({@link #sequence})
 * it was proposed for: once the meeting changes, it no longer counts.
 */
@Entity
@Table(name = "notice_override")
public class NoticeOverride extends PanacheEntityBase {
    public static final String BALLOT = "ballot";
    public static final String MEETING = "meeting";
    /** An example for the API contract. */
    static final String OVERRIDE_REASON = "Two members' notices bounced; both were told by phone";

    @Id
    public UUID id;

    /** The ballot's or the meeting's id. */
    @Column(name = "subject_id", nullable = false)
    public UUID subjectId;

    /** {@link #BALLOT} or {@link #MEETING}. */
    @Column(nullable = false)
    public String subject;

    /** The meeting's sequence it was proposed for; null for a ballot (a draft ballot does not change). */
    public Integer sequence;

    @Column(nullable = false)
    public String reason;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorder_subject")
    public String recorderSubject;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** The proposal a scrutineer co-signs to grant it (null only for overrides recorded before proposals). */
    @Column(name = "proposal_id")
    public UUID proposalId;

    @Column(name = "cosigned_by")
    public String cosignedBy;

    @Column(name = "cosigner_subject")
    public String cosignerSubject;

    @Column(name = "cosigned_at")
    public Instant cosignedAt;

    /** The override of this version of the subject: a granted one if any, else the latest; null if none. */
    static Uni<NoticeOverride> forVersion(UUID subjectId, Integer sequence) {
        return NoticeOverride.<NoticeOverride>find("subjectId = ?1 and coalesce(sequence, -1) = ?2 "
                        + "order by case when cosignedAt is null then 1 else 0 end, recordedAt desc",
                subjectId, version(sequence)).firstResult();
    }

    /** Whether this version of the subject has an override granted, or one whose proposal is still pending. */
    static Uni<Boolean> standing(UUID subjectId, Integer sequence) {
        return NoticeOverride.count("subjectId = ?1 and coalesce(sequence, -1) = ?2 and (cosignedAt is not null "
                        + "or proposalId in (select p.id from Proposal p where p.status = ?3))",
                subjectId, version(sequence), Proposal.PENDING).map(n -> n > 0);
    }

    private static int version(Integer sequence) {
        return sequence == null ? -1 : sequence;
    }

    /**
     * @param ballotId  set for a ballot's override; {@code meetingId} and {@code sequence} for a meeting's
     * @param proposal  where a scrutineer co-signs it, with the {@code digest} they name
     */
    public record View(@Schema(example = "0b1e4c9a-4f6e-4c1e-9a8d-3f2b7c6d5e4f") UUID ballotId,
                       @Schema(example = "6e2d8f14-3a9b-4c7e-a1d5-0f8b2c9e7a36") UUID meetingId,
                       @Schema(example = "1") Integer sequence,
                       @Schema(example = OVERRIDE_REASON) String reason,
                       @Schema(example = "regional") String recordedBy,
                       @Schema(example = "2026-12-02T10:00:00Z") Instant recordedAt,
                       @Schema(example = "scrutineer") String cosignedBy,
                       @Schema(example = "2026-12-02T14:20:00Z") Instant cosignedAt,
                       @Schema(example = "9e5a3c7d-1b2f-4d8e-a6c4-3f0b9d2e8a15") UUID proposalId,
                       @Schema(example = "/api/ballots/proposals/9e5a3c7d-1b2f-4d8e-a6c4-3f0b9d2e8a15")
                       String proposal,
                       @Schema(example = "1e29ff7393bb81fceb237a7fe77374a155efc224c2900b4943c03cd81808081a")
                       String digest) {
        static View of(NoticeOverride o, Proposal p) {
            boolean ballot = BALLOT.equals(o.subject);
            return new View(ballot ? o.subjectId : null, ballot ? null : o.subjectId, o.sequence, o.reason,
                    o.recordedBy, o.recordedAt, o.cosignedBy, o.cosignedAt, o.proposalId,
                    p == null ? null : Proposal.href(p.id), p == null ? null : p.digest);
        }
    }
}
