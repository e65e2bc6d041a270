package org.selectorate.counting.trigger;

import java.util.ArrayList;
import java.util.List;

/** Aggregates the units' results into the trigger ballot's outcome, with the figures that decided it. */
public final class TriggerBallot {
    private TriggerBallot() {
    }

    public static Outcome aggregate(List<Unit> units, TriggerRules rules) {
        for (Unit u : units) {
            if (!rules.thresholds().containsKey(u.college())) {
                throw new IllegalArgumentException(u.name() + ": college '" + u.college()
                        + "' has no threshold in the rules");
            }
        }
        List<College> colleges = new ArrayList<>();
        rules.thresholds().forEach((name, threshold) -> {
            List<Unit> in = units.stream().filter(u -> u.college().equals(name)).toList();
            long voted = in.stream().filter(Unit::voted).count();
            List<String> forContest = in.stream().filter(Unit::forContest).map(Unit::name).toList();
            long base = rules.base() == TriggerRules.Base.ALL_UNITS ? in.size() : voted;
            long required = threshold.of(base);
            // With nothing to take a share of, a threshold cannot be reached.
            boolean met = base > 0 && forContest.size() >= required;
            colleges.add(new College(name, in.size(), voted, forContest, base, threshold, required, met));
        });
        boolean triggered = rules.combination() == TriggerRules.Combination.EITHER
                ? colleges.stream().anyMatch(College::met) : colleges.stream().allMatch(College::met);
        String why = (triggered ? "triggered" : "not triggered") + " ("
                + (rules.combination() == TriggerRules.Combination.EITHER ? "any college" : "every college")
                + " must reach its threshold): " + String.join("; ", colleges.stream().map(College::summary).toList());
        return new Outcome(triggered, List.copyOf(units), colleges, why);
    }

    /**
     * One college's figures.
     *
     * @param base the number the threshold is a share of (units that voted, or all units)
     * @param required the fewest units for a contest that reach the threshold
     */
    public record College(String name, long units, long voted, List<String> forContest, long base,
            Fraction threshold, long required, boolean met) {
        public College {
            forContest = List.copyOf(forContest);
        }

        String summary() {
            return name + " " + forContest.size() + " for a contest of " + base + " ("
                    + voted + " of " + units + " units voted), threshold " + threshold + " needs "
                    + required + ": " + (met ? "reached" : "not reached");
        }
    }

    /** The outcome, every unit's own result, and each college's figures. */
    public record Outcome(boolean triggered, List<Unit> units, List<College> colleges, String explanation) {
        public Outcome {
            units = List.copyOf(units);
            colleges = List.copyOf(colleges);
        }
    }
}
