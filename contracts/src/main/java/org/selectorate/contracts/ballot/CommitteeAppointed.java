package org.selectorate.contracts.ballot;

/**
 * A member was appointed to a selection's committee (topic {@code selectorate.ballots}, key: selection id).
 * notification-service sends every timetable notice of the selection to each member appointed and not removed.
 *
 * @param role one of {@code procedures-secretary}, {@code nec-representative}, {@code regional-representative},
 *             {@code union-representative}, {@code affiliate-representative}, {@code constituency-officer}
 */
public record CommitteeAppointed(String selectionId, String memberId, String name, String email, String role) {
    public static final String TYPE = "org.selectorate.ballot.CommitteeAppointed";
}
