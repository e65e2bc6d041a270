package org.selectorate.counting.trigger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The rulebook's trigger: in each college (e.g. branches, affiliates) the share of units that must
 * vote for a contest, whether one college suffices or all are needed, and what the share is of.
 *
 * @param thresholds college to its threshold, in the order the rulebook lists them
 */
public record TriggerRules(Map<String, Fraction> thresholds, Combination combination, Base base) {

    public TriggerRules {
        thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
        Objects.requireNonNull(combination);
        Objects.requireNonNull(base);
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("a trigger needs at least one college");
        }
    }

    public enum Combination {
        /** Triggered when any college reaches its threshold. */
        EITHER,
        /** Triggered only when every college reaches its threshold. */
        BOTH
    }

    public enum Base {
        /** The share is of the college's units that returned a result. */
        UNITS_THAT_VOTED,
        /** The share is of all the college's units, voting or not. */
        ALL_UNITS
    }
}
