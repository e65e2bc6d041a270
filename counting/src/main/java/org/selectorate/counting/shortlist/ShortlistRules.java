package org.selectorate.counting.shortlist;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.selectorate.counting.trigger.Fraction;
import org.selectorate.counting.trigger.TriggerRules.Combination;

/**
 * The rulebook's automatic shortlisting: the share of each college's units (all of them, nominating or
 * not) whose nominations put a candidate on the shortlist, whether one college suffices or every one is
 * needed, and any gender-balance rule.
 *
 * @param thresholds college to its share, in the order the rulebook lists them (also the order in which
 *                   a tie for a gender-balance place looks at the colleges)
 * @param balance    null when the rulebook has none
 * @param seed       the rulebook's published seed, for a lot between candidates still tied for a place
 */
public record ShortlistRules(Map<String, Fraction> thresholds, Combination combination, GenderBalance balance,
                             long seed) {
    public ShortlistRules {
        thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
        Objects.requireNonNull(combination);
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("automatic shortlisting needs a threshold in at least one college");
        }
    }
}
