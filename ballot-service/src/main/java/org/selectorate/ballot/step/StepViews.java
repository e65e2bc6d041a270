package org.selectorate.ballot.step;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.selectorate.integrity.json.Json;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the steps' and returns' endpoints take and answer. */
public final class StepViews {
    static final List<String> STEPS = List.of(SelectionStep.TRIGGER, SelectionStep.NOMINATIONS);

    private StepViews() {
    }

    public record Opening(@NotNull Instant returnsDeadline) {
    }

    /** @param reason needed only when the return is late and becomes a proposal for a scrutineer to co-sign */
    public record ReturnRequest(@NotBlank @Size(max = 200) String affiliate, @NotBlank @Size(max = 200) String vote,
                                @Size(max = 2000) String reason) {
    }

    /**
     * @param outcome the step's counted outcome once closed, as published (the trigger counted; every candidate's
     *                nominations and the shortlist by threshold); null before
     */
    public record Step(UUID selectionId, String step, Instant returnsDeadline, Instant openedAt, String openedBy,
                       Instant closedAt, String closedBy, Object outcome) {
        static Step of(SelectionStep s) {
            return new Step(s.selectionId, s.step, s.returnsDeadline, s.openedAt, s.openedBy, s.closedAt, s.closedBy,
                    s.outcome == null ? null : Json.parse(s.outcome));
        }
    }

    /**
     * @param canonical the confirmed return as RFC 8785 JSON; {@code digest} is its SHA-256 (hex). Both null while
     *                  pending
     */
    public record Return(UUID id, UUID selectionId, String step, String affiliate, String vote, String status,
                         String enteredBy, Instant enteredAt, String confirmedBy, Instant confirmedAt,
                         UUID overrideProposal, String canonical, String digest) {
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
