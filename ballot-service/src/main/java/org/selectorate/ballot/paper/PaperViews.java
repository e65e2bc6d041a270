package org.selectorate.ballot.paper;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.ballot.selection.OneLine;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the paper channels. */
public final class PaperViews {
    // Examples for the API contract: numbers as printed, 16 Crockford base32 symbols in groups of four.
    private static final String DECLARATION = "D4XR-8N2P-KW6T-3HVQ";
    private static final String PAPER = "7K3M-Q9TX-2WPD-H5RB";

    /** Postal packs for these members, one PDF for all (a bulk issue hides the order within it). */
    public record PostalIssue(@Schema(example = "[\"NW-001-000042\", \"NW-001-000117\"]") @NotEmpty @Size(max = 1000)
                              List<@NotBlank @Size(max = 64) @OneLine String> membershipNumbers) {
    }

    /**
     * A pack reported lost or spoilt.
     *
     * @param paperNumber the paper's number, if the spoilt or returned pack is at hand: its paper is then cancelled
     *                    ({@code PapersCancelled}, reason {@code replaced}) so it can never be keyed
     */
    public record Cancellation(@Schema(example = PAPER) @Size(max = 40) String paperNumber) {
    }

    /**
     * A postal return as the officer opens it: the declaration, and the number on the unopened ballot envelope's
     * paper (used only to cancel a rejected return's paper; never kept beside the declaration).
     */
    public record PostalReturn(@Schema(example = DECLARATION) @NotBlank @Size(max = 40) String declarationNumber,
                               @NotNull Boolean declarationSigned,
                               @Schema(example = PAPER) @NotBlank @Size(max = 40) String paperNumber) {
    }

    /** @param outcome {@code accepted} or {@code rejected}; {@code reason} says why a return was rejected */
    public record ReturnOutcome(@Schema(example = DECLARATION) String declarationNumber,
                                @Schema(example = "rejected") String outcome,
                                @Schema(example = "declaration-unsigned") String reason) {
    }

    /** A pack as officers see it: who, which declaration, what became of it (days only). Never its paper. */
    public record PackView(@Schema(example = "NW-001-000117") String membershipNumber,
                           @Schema(example = DECLARATION) String declarationNumber,
                           @Schema(example = "2026-12-07") LocalDate issuedOn,
                           @Schema(example = "rejected") String status,
                           @Schema(example = "declaration-unsigned") String reason,
                           @Schema(example = "2026-12-11") LocalDate returnedOn) {
        static PackView of(PostalPack p) {
            return new PackView(p.membershipNumber, p.declarationNumber, p.issuedOn, p.status, p.reason,
                    p.returnedOn);
        }
    }

    /** Papers for a meeting, printed beforehand: numbered, and issued to nobody until handed out. */
    public record MeetingPapers(@Schema(example = "60") @NotNull @Min(1) @Max(1000) Integer count) {
    }

    /** A paper handed to a member attending {@code meetingId}: the member is marked; the paper is any of the pile. */
    public record InPersonIssue(@Schema(example = "6e2d8f14-3a9b-4c7e-a1d5-0f8b2c9e7a36") @NotNull UUID meetingId,
                                @Schema(example = "NW-001-000042") @NotBlank @Size(max = 64) @OneLine
                                String membershipNumber) {
    }

    public record Mark(@Schema(example = "NW-001-000042") String membershipNumber,
                       @Schema(example = "in-person") String channel,
                       @Schema(example = "2026-12-09") LocalDate markedOn) {
    }

    private PaperViews() {
    }
}
