package org.selectorate.membership.roll;

import java.time.LocalDate;

/**
 * The rulebook's test for being on a selection's roll: continuous membership of at least
 * {@code minimumMonths} at the freeze date, active (neither lapsed nor suspended), and, if the
 * rulebook says so, not in arrears. A member who joined exactly {@code minimumMonths} before the
 * freeze date qualifies.
 */
public record Eligibility(LocalDate freezeDate, int minimumMonths, boolean arrearsDisqualify) {

    public Eligibility {
        if (minimumMonths < 0) {
            throw new IllegalArgumentException("minimumMonths must not be negative");
        }
    }

    /** The latest join date that still qualifies (month arithmetic clamps to the month's last day). */
    public LocalDate latestJoinDate() {
        return freezeDate.minusMonths(minimumMonths);
    }

    public boolean eligible(LocalDate joined, String status, boolean arrears) {
        return !joined.isAfter(latestJoinDate())
                && "active".equals(status)
                && !(arrearsDisqualify && arrears);
    }
}
