package org.selectorate.contracts.ballot;

import java.time.LocalDate;

/**
 * A selection was opened in a constituency (topic {@code selectorate.ballots}, key: selection id).
 * membership-service learns from it when and by which rule to freeze the roll.
 *
 * @param freezeDate           the date the roll is frozen at
 * @param minimumMonths        continuous membership required at the freeze date (rulebook)
 * @param arrearsDisqualify    whether members in arrears are left off the roll (rulebook)
 * @param rulebookVersion      version of the rulebook these values come from
 */
public record SelectionCreated(String selectionId, String constituency, String region, String title,
                               LocalDate freezeDate, int minimumMonths, boolean arrearsDisqualify,
                               int rulebookVersion) {
    public static final String TYPE = "org.selectorate.ballot.SelectionCreated";
}
