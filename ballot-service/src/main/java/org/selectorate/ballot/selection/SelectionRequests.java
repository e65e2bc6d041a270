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

    public record RulebookTerms(@Schema(example = "6") @Min(0) @Max(240) Integer minimumMonths,
                                Boolean arrearsDisqualify,
                                @Schema(example = "backwards")
                                @Pattern(regexp = "backwards|forwards|order|random",
                                        message = "must be one of backwards, forwards, order, random")
                                String tieBreak,
                                @Schema(example = "4817203391") @Min(-MAX_SEED) @Max(MAX_SEED) Long seed,
                                @Schema(example = "48") @Min(0) @Max(8760) Integer noticeLeadHours,
                                @Schema(example = "2") @Min(0) @Max(100) Integer mailingQuota,
                                @Schema(example = "7") @Min(1) @Max(366) Integer mailingPeriodDays,
                                @Schema(example = "trigger")
                                @Pattern(regexp = "trigger|open", message = "must be one of trigger, open")
                                String steps,
                                @Valid TriggerTerms trigger,
                                @Schema(example = "25") @Min(0) @Max(100_000) Integer meetingQuorum,
                                @Valid NominationTerms nominations,
                                @Valid GenderBalanceTerms genderBalance,
                                @Schema(example = "10") @Min(1) @Max(100_000) Integer minimumPublishedVoters,
                                @Schema(example = "falls")
                                @Pattern(regexp = "falls|lot", message = "must be one of falls, lot")
                                String meetingTie,
                                @Valid ChannelTerms channels,
                                @Schema(example = "av")
                                @Pattern(regexp = "av|stv-scottish|stv-meek|stv-ers97",
                                        message = "must be one of av, stv-scottish, stv-meek, stv-ers97")
                                String method,
                                @Schema(example = "1") @Min(1) @Max(100) Integer seats,
                                @Valid AppealTerms appeals) {
    }

    /** How long after a declaration an appeal may be lodged (left out: 7 days). */
    public record AppealTerms(@Schema(example = "7") @Min(1) @Max(90) Integer windowDays) {
    }

    /**
     * The final ballot's paper channels besides online voting (see {@link BallotRules}).
     *
     * @param postalMarks {@code on-issue} (default) or {@code on-return}: when a postal pack marks the register
     */
    public record ChannelTerms(Boolean postal, Boolean inPerson,
                               @Schema(example = "on-issue")
                               @Pattern(regexp = "on-issue|on-return", message = "must be one of on-issue, on-return")
                               String postalMarks) {
    }

    /**
     * The trigger ballot's rule: a named preset, or explicit thresholds and their combination; over which units.
     *
     * @param preset     {@code 2018} or {@code 2021} (counting's {@code TriggerRules.Preset}); not with thresholds
     * @param thresholds a share of branches and/or of affiliates, each a fraction such as {@code 1/3}
     */
    public record TriggerTerms(@Schema(example = "2021") @Size(max = 20) String preset,
                               @Valid CollegeShares thresholds,
                               @Schema(example = "either")
                               @Pattern(regexp = "either|both", message = "must be one of either, both")
                               String combination,
                               @Schema(example = "units-that-voted")
                               @Pattern(regexp = "units-that-voted|all-units",
                                       message = "must be one of units-that-voted, all-units")
                               String base,
                               @Schema(example = "yes-no")
                               @Pattern(regexp = "yes-no", message = "must be yes-no") String method) {
    }

    /**
     * Nomination thresholds for automatic shortlisting, and how nomination meetings vote.
     *
     * @param committeeAdditions how many candidates the procedures committee may add to a shortlist the thresholds
     *                           set, each co-signed by a scrutineer (left out: none)
     */
    public record NominationTerms(@Valid CollegeShares thresholds,
                                  @Schema(example = "either")
                                  @Pattern(regexp = "either|both", message = "must be one of either, both")
                                  String combination,
                                  @Schema(example = "exhaustive")
                                  @Pattern(regexp = "exhaustive", message = "must be exhaustive") String method,
                                  @Schema(example = "1") @Min(0) @Max(20) Integer committeeAdditions) {
    }

    /** A share of each college's units, e.g. {@code "1/3"}; a college left out has no threshold. */
    public record CollegeShares(@Schema(example = "1/3")
                                @Pattern(regexp = FRACTION, message = FRACTION_MESSAGE) String branches,
                                @Schema(example = "1/3")
                                @Pattern(regexp = FRACTION, message = FRACTION_MESSAGE) String affiliates) {
    }

    /** "At least {@code atLeast} candidates who declared {@code gender} on the shortlist", e.g. one woman. */
    public record GenderBalanceTerms(@Schema(example = "woman") @NotBlank @Size(max = 40) @OneLine String gender,
                                     @Schema(example = "1") @NotNull @Min(1) @Max(20) Integer atLeast) {
    }

    /**
     * Names appear in votes and BLT files as quoted strings: no quotes or control characters.
     *
     * @param account the candidate's own Keycloak username (optional)
     * @param agents  Keycloak usernames of their agents (optional)
     * @param gender  the candidate's own declaration (optional), read only by a gender-balance rule
     * @param email   where the candidate is sent notices, such as the declared result (optional)
     */
    public record NewCandidate(@Schema(example = "Asha Patel") @NotBlank @Size(max = 120)
                               @Pattern(regexp = "[^\\x00-\\x1F\\x7F\"]+", message = "must not contain quotes or control characters")
                               String name,
                               @Schema(example = "asha.patel")
                               @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String account,
                               @Schema(example = "[\"ben.ward\", \"sara.khan\"]")
                               @Size(max = 20) List<@NotNull @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String> agents,
                               @Schema(example = "woman") @Size(max = 40) @OneLine String gender,
                               @Schema(example = "asha.patel@example.org") @Email @Size(max = 254) String email) {
    }

    /** Who acts for a candidate: replaces the account and agents held before. */
    public record CandidateAccounts(@Schema(example = "asha.patel")
                                    @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String account,
                                    @Schema(example = "[\"ben.ward\", \"sara.khan\"]")
                                    @Size(max = 20) List<@NotNull @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String> agents) {
    }

    /** Why, for an action that may need a scrutineer's co-signature (then required), e.g. a late withdrawal. */
    public record WithdrawalReason(@Schema(example = "Withdrawn at the candidate's request (letter of 1 December)")
                                   @Size(max = 2000) String reason) {
    }

    static final String FRACTION = "\\d{1,9}/\\d{1,9}";
    static final String FRACTION_MESSAGE = "must be a fraction such as 1/3";

    /** Keycloak usernames: letters, digits and {@code . _ @ -}. */
    static final String USERNAME = "[A-Za-z0-9._@-]{1,255}";
    static final String USERNAME_MESSAGE = "must be a username: 1-255 letters, digits, '.', '_', '@' or '-'";

    private SelectionRequests() {
    }
}
