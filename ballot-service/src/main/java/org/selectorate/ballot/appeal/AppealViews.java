package org.selectorate.ballot.appeal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.selectorate.integrity.json.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of appeals. */
public final class AppealViews {
    public static final int MAX_TEXT = 4000;

    private AppealViews() {
    }

    /** Written grounds: published as written with the appeal (the appellant's identity is not, unless a candidate). */
    public record NewAppeal(@NotBlank @Size(max = MAX_TEXT) String grounds) {
    }

    /** HQ's decision: {@code dismissed}, or {@code upheld} with a remedy; reasons always. */
    public record Decision(@NotNull @Pattern(regexp = "dismissed|upheld", message = "must be one of dismissed, upheld")
                           String outcome,
                           @Pattern(regexp = "recount|re-run", message = "must be one of recount, re-run")
                           String remedy,
                           @NotBlank @Size(max = MAX_TEXT) String reasons) {
    }

    /**
     * The appellant as published: a candidate by name; a member only as {@code member}.
     *
     * @param candidate the candidate's name, for a candidate's appeal
     */
    public record Appellant(String kind, String candidate) {
    }

    /** A recount's outcome once tally-service has recounted; {@code status} {@code ordered} until then. */
    public record Recount(String status, List<String> elected, Boolean sameResult, LocalDate completedOn) {
    }

    /**
     * An appeal as published with the selection. {@code lodgedBy} (the appellant's username) is shown to HQ and the
     * selection's officials only, never on the public list.
     */
    public record AppealView(UUID id, String reference, UUID selectionId, UUID ballotId, LocalDate lodgedOn,
                             Appellant appellant, String grounds, String status, String remedy, String reasons,
                             LocalDate decidedOn, Recount recount, String lodgedBy) {
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
    public record Acknowledgement(String reference, AppealView appeal, Instant declaredAt, Instant windowClosesAt,
                                  String message) {
    }

    /** A selection's appeals with the declaration they are against. */
    public record SelectionAppeals(UUID selectionId, UUID ballotId, Instant declaredAt, List<String> elected,
                                   int windowDays, Instant windowClosesAt, List<AppealView> appeals) {
    }
}
