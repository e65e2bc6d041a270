package org.selectorate.ballot.appeal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.integrity.json.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of appeals. */
public final class AppealViews {
    public static final int MAX_TEXT = 4000;

    // Examples for the API contract: one appeal, lodged by a candidate and upheld with a recount.
    private static final String REFERENCE = "AP-7K3MQ9TX2W";
    private static final String GROUNDS = "Postal packs for members of branch NW-001-B4 arrived after the ballot "
            + "closed, so their votes could not count";
    private static final String REASONS = "The packs were posted late; a recount confirms that no late return was "
            + "counted";

    private AppealViews() {
    }

    /** Written grounds: published as written with the appeal (the appellant's identity is not, unless a candidate). */
    public record NewAppeal(@Schema(example = GROUNDS) @NotBlank @Size(max = MAX_TEXT) String grounds) {
    }

    /** HQ's decision: {@code dismissed}, or {@code upheld} with a remedy; reasons always. */
    public record Decision(@Schema(example = "upheld")
                           @NotNull @Pattern(regexp = "dismissed|upheld", message = "must be one of dismissed, upheld")
                           String outcome,
                           @Schema(example = "recount")
                           @Pattern(regexp = "recount|re-run", message = "must be one of recount, re-run")
                           String remedy,
                           @Schema(example = REASONS) @NotBlank @Size(max = MAX_TEXT) String reasons) {
    }

    /**
     * The appellant as published: a candidate by name; a member only as {@code member}.
     *
     * @param candidate the candidate's name, for a candidate's appeal
     */
    public record Appellant(@Schema(example = "candidate") String kind,
                            @Schema(example = "Tom Reid") String candidate) {
    }

    /** A recount's outcome once tally-service has recounted; {@code status} {@code ordered} until then. */
    public record Recount(@Schema(example = "completed") String status,
                          @Schema(example = "[\"Asha Patel\"]") List<String> elected,
                          Boolean sameResult,
                          @Schema(example = "2026-12-21") LocalDate completedOn) {
    }

    /**
     * An appeal as published with the selection. {@code lodgedBy} (the appellant's username) is shown to HQ and the
     * selection's officials only, never on the public list.
     */
    public record AppealView(@Schema(example = "e2b7c4a9-5d1f-4c3e-8a6b-0f9d2e7c1b58") UUID id,
                             @Schema(example = REFERENCE) String reference,
                             @Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") UUID selectionId,
                             @Schema(example = "0b1e4c9a-4f6e-4c1e-9a8d-3f2b7c6d5e4f") UUID ballotId,
                             @Schema(example = "2026-12-16") LocalDate lodgedOn,
                             Appellant appellant,
                             @Schema(example = GROUNDS) String grounds,
                             @Schema(example = "upheld") String status,
                             @Schema(example = "recount") String remedy,
                             @Schema(example = REASONS) String reasons,
                             @Schema(example = "2026-12-19") LocalDate decidedOn,
                             Recount recount,
                             @Schema(example = "tom.reid") String lodgedBy) {
        static AppealView of(Appeal a, String candidateName, boolean withAppellant) {
            Recount recount = !Appeal.RECOUNT.equals(a.remedy) ? null : a.recountSame == null
                    ? new Recount("ordered", null, null, null)
                    : new Recount("completed", ((List<?>) Json.parse(a.recountElected)).stream()
                            .map(String.class::cast).toList(), a.recountSame, a.recountedOn);
            return new AppealView(a.id, a.reference, a.selectionId, a.ballotId, a.lodgedOn,
                    new Appellant(a.appellantKind, candidateName), a.grounds, a.status, a.remedy, a.reasons,
                    a.decidedOn, recount, withAppellant ? a.lodgedBy : null);
        }
    }

    /**
     * The acknowledgement an appellant gets on lodging: the reference to quote, and until when appeals could be
     * lodged against this declaration.
     */
    public record Acknowledgement(@Schema(example = REFERENCE) String reference,
                                  AppealView appeal,
                                  @Schema(example = "2026-12-15T10:00:00Z") Instant declaredAt,
                                  @Schema(example = "2026-12-22T10:00:00Z") Instant windowClosesAt,
                                  @Schema(example = "Your appeal " + REFERENCE + " against the result declared on "
                                          + "2026-12-15 was lodged on 2026-12-16. HQ will decide it with reasons; the "
                                          + "grounds, status and decision are published with the selection.")
                                  String message) {
    }

    /** A selection's appeals with the declaration they are against. */
    public record SelectionAppeals(@Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") UUID selectionId,
                                   @Schema(example = "0b1e4c9a-4f6e-4c1e-9a8d-3f2b7c6d5e4f") UUID ballotId,
                                   @Schema(example = "2026-12-15T10:00:00Z") Instant declaredAt,
                                   @Schema(example = "[\"Asha Patel\"]") List<String> elected,
                                   @Schema(example = "7") int windowDays,
                                   @Schema(example = "2026-12-22T10:00:00Z") Instant windowClosesAt,
                                   List<AppealView> appeals) {
    }
}
