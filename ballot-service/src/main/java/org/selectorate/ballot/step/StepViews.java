package org.selectorate.ballot.step;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.integrity.json.Json;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the steps' and returns' endpoints take and answer. */
public final class StepViews {
    static final List<String> STEPS = List.of(SelectionStep.TRIGGER, SelectionStep.NOMINATIONS);

    // Examples for the API contract: a late nominations return let in by a co-signed proposal, then confirmed;
    // RETURN_DIGEST is the SHA-256 of RETURN_CANONICAL, as AffiliateReturn.seal makes them.
    private static final String RETURN_CANONICAL =
            "{\"affiliate\":\"NW-001-UNITE\",\"confirmedAt\":\"2026-11-21T11:30:00Z\","
            + "\"confirmedBy\":\"unite-chair\",\"enteredAt\":\"2026-11-21T09:10:00Z\","
            + "\"enteredBy\":\"unite-sec\",\"overrideProposal\":\"7c4e1a9b-3f6d-4b28-a0e5-9d2c8f1b6a37\","
            + "\"return\":\"4b8e2f6a-9c3d-4a17-b5e0-8d1f7c2a9e63\","
            + "\"selection\":\"5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f\",\"step\":\"nominations\","
            + "\"vote\":\"Asha Patel\"}";
    private static final String RETURN_DIGEST = "4eefa5c83c7faf2a9ea051781219ae5170d3bea113b2d2d67ca7d8e871c92ffc";
    private static final String LATE_REASON = "The affiliate's nominating meeting ran past the deadline";

    private StepViews() {
    }

    public record Opening(@Schema(example = "2026-11-20T17:00:00Z") @NotNull Instant returnsDeadline) {
    }

    /** @param reason needed only when the return is late and becomes a proposal for a scrutineer to co-sign */
    public record ReturnRequest(@Schema(example = "NW-001-UNITE") @NotBlank @Size(max = 200) String affiliate,
                                @Schema(example = "Asha Patel") @NotBlank @Size(max = 200) String vote,
                                @Schema(example = LATE_REASON) @Size(max = 2000) String reason) {
    }

    /**
     * @param outcome the step's counted outcome once closed, as published (the trigger counted; every candidate's
     *                nominations and the shortlist by threshold); null before
     */
    public record Step(@Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") UUID selectionId,
                       @Schema(example = "nominations") String step,
                       @Schema(example = "2026-11-20T17:00:00Z") Instant returnsDeadline,
                       @Schema(example = "2026-11-02T09:00:00Z") Instant openedAt,
                       @Schema(example = "secretary") String openedBy,
                       @Schema(example = "2026-11-23T09:00:00Z") Instant closedAt,
                       @Schema(example = "secretary") String closedBy,
                       Object outcome) {
        static Step of(SelectionStep s) {
            return new Step(s.selectionId, s.step, s.returnsDeadline, s.openedAt, s.openedBy, s.closedAt, s.closedBy,
                    s.outcome == null ? null : Json.parse(s.outcome));
        }
    }

    /**
     * @param canonical the confirmed return as RFC 8785 JSON; {@code digest} is its SHA-256 (hex). Both null while
     *                  pending
     */
    public record Return(@Schema(example = "4b8e2f6a-9c3d-4a17-b5e0-8d1f7c2a9e63") UUID id,
                         @Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") UUID selectionId,
                         @Schema(example = "nominations") String step,
                         @Schema(example = "NW-001-UNITE") String affiliate,
                         @Schema(example = "Asha Patel") String vote,
                         @Schema(example = "confirmed") String status,
                         @Schema(example = "unite-sec") String enteredBy,
                         @Schema(example = "2026-11-21T09:10:00Z") Instant enteredAt,
                         @Schema(example = "unite-chair") String confirmedBy,
                         @Schema(example = "2026-11-21T11:30:00Z") Instant confirmedAt,
                         @Schema(example = "7c4e1a9b-3f6d-4b28-a0e5-9d2c8f1b6a37") UUID overrideProposal,
                         @Schema(example = RETURN_CANONICAL) String canonical,
                         @Schema(example = RETURN_DIGEST) String digest) {
        static Return of(UUID selectionId, String step, AffiliateReturn r) {
            return new Return(r.id, selectionId, step, r.affiliate, r.vote, r.confirmed() ? "confirmed" : "pending",
                    r.enteredBy, r.enteredAt, r.confirmedBy, r.confirmedAt, r.overrideProposal, r.canonical,
                    r.digest);
        }

        /** What the audit log keeps of a return. */
        Map<String, Object> audited() {
            return Map.of("affiliate", affiliate, "vote", vote, "status", status, "enteredBy", enteredBy,
                    "digest", digest == null ? "" : digest);
        }
    }

    /** The step named in the path: {@code trigger} or {@code nominations}, else 400. */
    static String stepName(String step) {
        if (!STEPS.contains(step)) {
            throw ProblemException.badRequest("no such step", List.of("step: must be one of " + STEPS
                    + ", not " + step));
        }
        return step;
    }
}
