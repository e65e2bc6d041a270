package org.selectorate.contracts.ballot;

import java.time.LocalDate;

/**
 * A member's appeal against a declared result was lodged (topic {@code selectorate.credentials}, key: ballot id):
 * notification-service acknowledges it to them at the contact held at the freeze, quoting its reference. Carries
 * the day only. A candidate's appeal has no such event (ballot-service holds no contact for candidates).
 */
public record AppealAcknowledged(String ballotId, String selectionId, String title, String email, String name,
                                 String reference, LocalDate lodgedOn) {
    public static final String TYPE = "org.selectorate.ballot.AppealAcknowledged";
}
