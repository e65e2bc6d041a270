package org.selectorate.counting.trigger;

import java.util.Arrays;
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
    /** The college of a constituency party's branches, as the presets name it. */
    public static final String BRANCHES = "branches";
    /** The college of its affiliates (union branches, socialist societies), as the presets name it. */
    public static final String AFFILIATES = "affiliates";

    public TriggerRules {
        thresholds = Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
        Objects.requireNonNull(combination);
        Objects.requireNonNull(base);
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("a trigger needs at least one college");
        }
    }

    /** The preset's thresholds and combination over {@code base}, which stays the rulebook's own choice. */
    public static TriggerRules preset(String name, Base base) {
        return Preset.named(name).rules(base);
    }

    /**
     * The Labour Party's two trigger rules since 2018: a selection is triggered when at least the share of
     * branches, or at least the share of affiliates, ask for one (each college counts on its own). "At least"
     * is {@link Fraction#of}: a college of 9 needs 3 under one third and 5 under one half; exactly a third of
     * 6, or exactly half of 10, is enough. Which units the share is of (those that voted, or all) is not fixed
     * by the rule's text, so it is a separate rulebook field ({@link Base}).
     */
    public enum Preset {
        /**
         * Conference 2018 (NEC rule change to Chapter 5, Clause IV.5, text as published by SKWAWKBOX,
         * 2018-10-01): "If either one third or more of Party branches, or one third or more of affiliated
         * branches, indicate that they wish a selection to take place, a selection shall proceed." It replaced
         * a majority of branches and affiliates together (Guardian, 2018-09-24: "cut from 50% to 33%"). A party
         * FAQ sent to MPs in July 2019 was reported to take the third "based only on the branches that do cast
         * a vote" ({@link Base#UNITS_THAT_VOTED}).
         */
        LABOUR_2018("2018", new Fraction(1, 3)),
        /**
         * Conference 2021 (Brighton, the NEC's rule changes carried on 2021-09-26): the share raised from one
         * third to one half, the colleges still counted apart, as reported (LabourList's "every rule change at
         * Labour conference 2021"; BBC News, 2021-09-26). One report's "half of both groups" reads either way;
         * this preset takes half of branches OR half of affiliates, and a rulebook that means both sets
         * {@link Combination#BOTH} with explicit thresholds instead.
         */
        LABOUR_2021("2021", new Fraction(1, 2));

        private final String ruleName;
        private final Fraction share;

        Preset(String ruleName, Fraction share) {
            this.ruleName = ruleName;
            this.share = share;
        }

        /** The name a rulebook gives the preset: the year of the conference that made the rule. */
        public String ruleName() {
            return ruleName;
        }

        /** The share of each college that triggers a selection. */
        public Fraction share() {
            return share;
        }

        public TriggerRules rules(Base base) {
            Map<String, Fraction> t = new LinkedHashMap<>();
            t.put(BRANCHES, share);
            t.put(AFFILIATES, share);
            return new TriggerRules(t, Combination.EITHER, base);
        }

        /** The preset a rulebook names, e.g. {@code "2021"}. */
        public static Preset named(String name) {
            return Arrays.stream(values()).filter(p -> p.ruleName.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown trigger rule preset '" + name
                            + "'; known: " + Arrays.stream(values()).map(Preset::ruleName).toList()));
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
