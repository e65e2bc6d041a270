package org.selectorate.ballot.selection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** Request bodies of the selection API. */
public final class SelectionRequests {
    /** Integers beyond ±2^53 do not survive a JSON reader, and the seed is published as JSON. */
    static final long MAX_SEED = 9_007_199_254_740_991L;

    /**
     * @param rulebook omitted members take the defaults: 6 months, arrears disqualify, backwards tie-break,
     *                 a random seed (published with the rulebook), no notice lead time, 2 candidate mailings per
     *                 7 days
     */
    public record NewSelection(@NotBlank String constituency,
                               @NotBlank @Size(max = 200) @OneLine String title,
                               @NotNull LocalDate freezeDate,
                               @Valid RulebookTerms rulebook) {
    }

    public record RulebookTerms(@Min(0) @Max(240) Integer minimumMonths,
                                Boolean arrearsDisqualify,
                                @Pattern(regexp = "backwards|forwards|order|random",
                                        message = "must be one of backwards, forwards, order, random")
                                String tieBreak,
                                @Min(-MAX_SEED) @Max(MAX_SEED) Long seed,
                                @Min(0) @Max(8760) Integer noticeLeadHours,
                                @Min(0) @Max(100) Integer mailingQuota,
                                @Min(1) @Max(366) Integer mailingPeriodDays) {
    }

    /**
     * Names appear in votes and BLT files as quoted strings: no quotes or control characters.
     *
     * @param account the candidate's own Keycloak username (optional)
     * @param agents  Keycloak usernames of their agents (optional)
     */
    public record NewCandidate(@NotBlank @Size(max = 120)
                               @Pattern(regexp = "[^\\p{Cntrl}\"]+", message = "must not contain quotes or control characters")
                               String name,
                               @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String account,
                               @Size(max = 20) List<@NotNull @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String> agents) {
    }

    /** Who acts for a candidate: replaces the account and agents held before. */
    public record CandidateAccounts(@Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String account,
                                    @Size(max = 20) List<@NotNull @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String> agents) {
    }

    /** Why, for an action that may need a scrutineer's co-signature (then required), e.g. a late withdrawal. */
    public record Reason(@Size(max = 2000) String reason) {
    }

    /** Keycloak usernames: letters, digits and {@code . _ @ -}. */
    static final String USERNAME = "[A-Za-z0-9._@-]{1,255}";
    static final String USERNAME_MESSAGE = "must be a username: 1-255 letters, digits, '.', '_', '@' or '-'";

    private SelectionRequests() {
    }
}
