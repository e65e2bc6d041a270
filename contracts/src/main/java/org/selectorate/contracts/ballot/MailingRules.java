package org.selectorate.contracts.ballot;

/**
 * The rulebook's candidate-mailing terms of a selection (topic {@code selectorate.ballots}, key: selection id),
 * sent with each rulebook version: every candidate may send {@code mailingQuota} mailings to the electorate in
 * any {@code mailingPeriodDays} days.
 *
 * @param region       the selection's region, so readers of its mailings can be held to their area
 * @param constituency the selection's constituency
 */
public record MailingRules(String selectionId, String region, String constituency, int rulebookVersion,
                           int mailingQuota, int mailingPeriodDays) {
    public static final String TYPE = "org.selectorate.ballot.MailingRules";
}
