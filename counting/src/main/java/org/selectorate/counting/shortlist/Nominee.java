package org.selectorate.counting.shortlist;

import java.util.Objects;
import java.util.Set;

/**
 * A candidate and the units that nominated them.
 *
 * @param gender the candidate's own declaration (free text, null when they gave none), read only by a
 *               {@link GenderBalance} rule
 */
public record Nominee(String name, String gender, Set<NominatingUnit> nominatedBy) {
    public Nominee {
        Objects.requireNonNull(name);
        nominatedBy = Set.copyOf(nominatedBy);
    }

    /** How many units of {@code college} nominated this candidate. */
    public long nominationsFrom(String college) {
        return nominatedBy.stream().filter(u -> u.college().equals(college)).count();
    }
}
