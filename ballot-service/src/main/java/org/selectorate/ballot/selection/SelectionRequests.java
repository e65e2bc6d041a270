package org.selectorate.ballot.selection;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of the selection API. */
public final class SelectionRequests {
    /** Integers beyond ±2^53 do not survive a JSON reader, and the seed is published as JSON. */
    static final long MAX_SEED = 9_007_199_254_740_991L;

    /**
     * @param rulebook omitted members take the defaults: 6 months, arrears disqualify, backwards tie-break,
     *                 a random seed (published with the rulebook), no notice lead time, 2 candidate mailings per
     *                 7 days; an open selection (no trigger ballot), no quorum, no automatic shortlisting, no
     *                 gender-balance rule, exhaustive ballots at nomination meetings, and a meeting ballot's record
     *                 published in full from 10 voters, and a tied yes/no vote at a meeting falls (see
     *                 {@link StepRules}); online voting only, counted by AV for one seat (see {@link BallotRules})
     */
    public record NewSelection(@Schema(example = "NW-001") @NotBlank String constituency,
                               @Schema(example = "Selection of the parliamentary candidate for NW-001")
                               @NotBlank @Size(max = 200) @OneLine String title,
                               @Schema(example = "2026-11-30") @NotNull LocalDate freezeDate,
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
                                @Min(1) @Max(366) Integer mailingPeriodDays,
                                @Pattern(regexp = "trigger|open", message = "must be one of trigger, open")
                                String steps,
                                @Valid TriggerTerms trigger,
                                @Min(0) @Max(100_000) Integer meetingQuorum,
                                @Valid NominationTerms nominations,
                                @Valid GenderBalanceTerms genderBalance,
                                @Min(1) @Max(100_000) Integer minimumPublishedVoters,
                                @Pattern(regexp = "falls|lot", message = "must be one of falls, lot")
                                String meetingTie,
                                @Valid ChannelTerms channels,
                                @Pattern(regexp = "av|stv-scottish|stv-meek|stv-ers97",
                                        message = "must be one of av, stv-scottish, stv-meek, stv-ers97")
                                String method,
                                @Min(1) @Max(100) Integer seats,
                                @Valid AppealTerms appeals) {
    }

    /** How long after a declaration an appeal may be lodged (left out: 7 days). */
    public record AppealTerms(@Min(1) @Max(90) Integer windowDays) {
    }

    /**
     * The final ballot's paper channels besides online voting (see {@link BallotRules}).
     *
     * @param postalMarks {@code on-issue} (default) or {@code on-return}: when a postal pack marks the register
     */
    public record ChannelTerms(Boolean postal, Boolean inPerson,
                               @Pattern(regexp = "on-issue|on-return", message = "must be one of on-issue, on-return")
                               String postalMarks) {
    }

    /**
     * The trigger ballot's rule: a named preset, or explicit thresholds and their combination; over which units.
     *
     * @param preset     {@code 2018} or {@code 2021} (counting's {@code TriggerRules.Preset}); not with thresholds
     * @param thresholds a share of branches and/or of affiliates, each a fraction such as {@code 1/3}
     */
    public record TriggerTerms(@Size(max = 20) String preset,
                               @Valid CollegeShares thresholds,
                               @Pattern(regexp = "either|both", message = "must be one of either, both")
                               String combination,
                               @Pattern(regexp = "units-that-voted|all-units",
                                       message = "must be one of units-that-voted, all-units")
                               String base,
                               @Pattern(regexp = "yes-no", message = "must be yes-no") String method) {
    }

    /**
     * Nomination thresholds for automatic shortlisting, and how nomination meetings vote.
     *
     * @param committeeAdditions how many candidates the procedures committee may add to a shortlist the thresholds
     *                           set, each co-signed by a scrutineer (left out: none)
     */
    public record NominationTerms(@Valid CollegeShares thresholds,
                                  @Pattern(regexp = "either|both", message = "must be one of either, both")
                                  String combination,
                                  @Pattern(regexp = "exhaustive", message = "must be exhaustive") String method,
                                  @Min(0) @Max(20) Integer committeeAdditions) {
    }

    /** A share of each college's units, e.g. {@code "1/3"}; a college left out has no threshold. */
    public record CollegeShares(@Pattern(regexp = FRACTION, message = FRACTION_MESSAGE) String branches,
                                @Pattern(regexp = FRACTION, message = FRACTION_MESSAGE) String affiliates) {
    }

    /** "At least {@code atLeast} candidates who declared {@code gender} on the shortlist", e.g. one woman. */
    public record GenderBalanceTerms(@NotBlank @Size(max = 40) @OneLine String gender,
                                     @NotNull @Min(1) @Max(20) Integer atLeast) {
    }

    /**
     * Names appear in votes and BLT files as quoted strings: no quotes or control characters.
     *
     * @param account the candidate's own Keycloak username (optional)
     * @param agents  Keycloak usernames of their agents (optional)
     * @param gender  the candidate's own declaration (optional), read only by a gender-balance rule
     * @param email   where the candidate is sent notices, such as the declared result (optional)
     */
    public record NewCandidate(@NotBlank @Size(max = 120)
                               @Pattern(regexp = "[^\\p{Cntrl}\"]+", message = "must not contain quotes or control characters")
                               String name,
                               @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String account,
                               @Size(max = 20) List<@NotNull @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String> agents,
                               @Size(max = 40) @OneLine String gender,
                               @Email @Size(max = 254) String email) {
    }

    /** Who acts for a candidate: replaces the account and agents held before. */
    public record CandidateAccounts(@Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String account,
                                    @Size(max = 20) List<@NotNull @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String> agents) {
    }

    /** Why, for an action that may need a scrutineer's co-signature (then required), e.g. a late withdrawal. */
    public record Reason(@Size(max = 2000) String reason) {
    }

    static final String FRACTION = "\\d{1,9}/\\d{1,9}";
    static final String FRACTION_MESSAGE = "must be a fraction such as 1/3";

    /** Keycloak usernames: letters, digits and {@code . _ @ -}. */
    static final String USERNAME = "[A-Za-z0-9._@-]{1,255}";
    static final String USERNAME_MESSAGE = "must be a username: 1-255 letters, digits, '.', '_', '@' or '-'";

    private SelectionRequests() {
    }
}
