package org.selectorate.counting.shortlist;

import java.util.Objects;

/**
 * A shortlist rule such as "at least one woman": when fewer than {@code atLeast} candidates who declared
 * {@code gender} reached the thresholds, the nominated ones with most nominations are added until there are
 * (or none is left). A candidate nobody nominated is never added.
 */
public record GenderBalance(String gender, int atLeast) {
    public GenderBalance {
        Objects.requireNonNull(gender);
        if (gender.isBlank() || atLeast < 1) {
            throw new IllegalArgumentException("a gender-balance rule names a gender and at least one place");
        }
    }

    public static GenderBalance atLeastOneWoman() {
        return new GenderBalance("woman", 1);
    }

    /** Whether a candidate's declaration is this rule's gender (case and surrounding spaces aside). */
    public boolean counts(String declared) {
        return declared != null && declared.strip().equalsIgnoreCase(gender);
    }
}
