package org.selectorate.contracts.ballot;

/**
 * A member was appointed to a selection's committee (topic {@code selectorate.ballots}, key: selection id).
 * notification-service sends every timetable notice of the selection to each member appointed and not removed.
 *
 * @param role one of {@code procedures-secretary}, {@code nec-representative}, {@code regional-representative},
 *             {@code union-representative}, {@code affiliate-representative}, {@code constituency-officer}
 * @param region       the selection's region, so readers of the notices ledger can be held to their area
 * @param constituency the selection's constituency
 * @param webhook      an https URL that is sent each notice as a signed JSON webhook too; null for none
 */
public record CommitteeAppointed(String selectionId, String memberId, String name, String email, String role,
                                 String region, String constituency, String webhook) {
    public static final String TYPE = "org.selectorate.ballot.CommitteeAppointed";
}
