package org.selectorate.ballot.paper;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.selectorate.ballot.selection.OneLine;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the paper channels. */
public final class PaperViews {
    /** Postal packs for these members, one PDF for all (a bulk issue hides the order within it). */
    public record PostalIssue(@NotEmpty @Size(max = 1000)
                              List<@NotBlank @Size(max = 64) @OneLine String> membershipNumbers) {
    }

    /**
     * A pack reported lost or spoilt.
     *
     * @param paperNumber the paper's number, if the spoilt or returned pack is at hand: its paper is then cancelled
     *                    ({@code PapersCancelled}, reason {@code replaced}) so it can never be keyed
     */
    public record Cancellation(@Size(max = 40) String paperNumber) {
    }

    /**
     * A postal return as the officer opens it: the declaration, and the number on the unopened ballot envelope's
     * paper (used only to cancel a rejected return's paper; never kept beside the declaration).
     */
    public record PostalReturn(@NotBlank @Size(max = 40) String declarationNumber,
                               @NotNull Boolean declarationSigned,
                               @NotBlank @Size(max = 40) String paperNumber) {
    }

    /** @param outcome {@code accepted} or {@code rejected}; {@code reason} says why a return was rejected */
    public record ReturnOutcome(String declarationNumber, String outcome, String reason) {
    }

    /** A pack as officers see it: who, which declaration, what became of it (days only). Never its paper. */
    public record PackView(String membershipNumber, String declarationNumber, LocalDate issuedOn, String status,
                           String reason, LocalDate returnedOn) {
        static PackView of(PostalPack p) {
            return new PackView(p.membershipNumber, p.declarationNumber, p.issuedOn, p.status, p.reason,
                    p.returnedOn);
        }
    }

    /** Papers for a meeting, printed beforehand: numbered, and issued to nobody until handed out. */
    public record MeetingPapers(@NotNull @Min(1) @Max(1000) Integer count) {
    }

    /** A paper handed to a member attending {@code meetingId}: the member is marked; the paper is any of the pile. */
    public record InPersonIssue(@NotNull UUID meetingId, @NotBlank @Size(max = 64) @OneLine String membershipNumber) {
    }

    public record Mark(String membershipNumber, String channel, LocalDate markedOn) {
    }

    private PaperViews() {
    }
}
