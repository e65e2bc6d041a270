package org.selectorate.counting.anomaly;

/**
 * Something in a ballot's figures that chance hardly explains, shown to the scrutineer before certification.
 * A flag never changes a result.
 *
 * @param kind {@code channel-share}, {@code branch-turnout} or {@code issuance-burst}
 * @param subject what is flagged: {@code Ada Lovelace / postal}, a branch, an hour ({@code 2026-12-03T14})
 * @param detail one sentence with the figures
 * @param statistic the test's p-value after the Bonferroni correction
 * @param threshold the p-value below which a flag is raised
 */
public record AnomalyFlag(String kind, String subject, String detail, double statistic, double threshold) {
    public static final String CHANNEL_SHARE = "channel-share";
    public static final String BRANCH_TURNOUT = "branch-turnout";
    public static final String ISSUANCE_BURST = "issuance-burst";
}
