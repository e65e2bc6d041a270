package org.selectorate.membership.roll;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EligibilityTest {
    private final Eligibility sixMonths = new Eligibility(LocalDate.of(2026, 6, 30), 6, true);

    @Test
    void joiningExactlyTheMinimumMonthsBeforeTheFreezeQualifies() {
        assertTrue(sixMonths.eligible(LocalDate.of(2025, 12, 30), "active", false));
        assertFalse(sixMonths.eligible(LocalDate.of(2025, 12, 31), "active", false));
        assertTrue(sixMonths.eligible(LocalDate.of(2001, 1, 1), "active", false));
    }

    @Test
    void onlyActiveMembersQualify() {
        LocalDate longAgo = LocalDate.of(2020, 1, 1);
        assertFalse(sixMonths.eligible(longAgo, "suspended", false));
        assertFalse(sixMonths.eligible(longAgo, "lapsed", false));
    }

    @Test
    void arrearsDisqualifyOnlyWhenTheRulebookSaysSo() {
        LocalDate longAgo = LocalDate.of(2020, 1, 1);
        assertFalse(sixMonths.eligible(longAgo, "active", true));
        assertTrue(new Eligibility(LocalDate.of(2026, 6, 30), 6, false).eligible(longAgo, "active", true));
    }

    @Test
    void monthArithmeticClampsToTheEndOfAShorterMonth() {
        Eligibility endOfAugust = new Eligibility(LocalDate.of(2024, 8, 31), 6, false);
        assertEquals(LocalDate.of(2024, 2, 29), endOfAugust.latestJoinDate());
        assertTrue(endOfAugust.eligible(LocalDate.of(2024, 2, 29), "active", false));
        assertFalse(endOfAugust.eligible(LocalDate.of(2024, 3, 1), "active", false));
    }

    @Test
    void zeroMonthsAdmitsThoseWhoJoinedOnTheFreezeDate() {
        Eligibility none = new Eligibility(LocalDate.of(2026, 6, 30), 0, false);
        assertTrue(none.eligible(LocalDate.of(2026, 6, 30), "active", false));
        assertFalse(none.eligible(LocalDate.of(2026, 7, 1), "active", false));
        assertThrows(IllegalArgumentException.class, () -> new Eligibility(LocalDate.of(2026, 6, 30), -1, false));
    }
}
