package org.selectorate.counting.shortlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.selectorate.counting.trigger.Fraction;
import org.selectorate.counting.trigger.TriggerRules.Combination;

class ShortlistTest {
    /** 8 branches and 5 affiliates, as in the reselection demo's constituency. */
    private static final Map<String, Long> UNITS = Map.of("branches", 8L, "affiliates", 5L);

    private static ShortlistRules rules(String branches, String affiliates, Combination c, GenderBalance balance) {
        Map<String, Fraction> t = new LinkedHashMap<>();
        if (branches != null) {
            t.put("branches", Fraction.parse(branches));
        }
        if (affiliates != null) {
            t.put("affiliates", Fraction.parse(affiliates));
        }
        return new ShortlistRules(t, c, balance, 7);
    }

    /** {@code branches} branch nominations (B0, B1, ...) and {@code affiliates} affiliate ones (A0, ...). */
    private static Nominee nominee(String name, String gender, int branches, int affiliates, int firstUnit) {
        Set<NominatingUnit> by = new HashSet<>();
        for (int i = 0; i < branches; i++) {
            by.add(new NominatingUnit("B" + (firstUnit + i), "branches"));
        }
        for (int i = 0; i < affiliates; i++) {
            by.add(new NominatingUnit("A" + (firstUnit + i), "affiliates"));
        }
        return new Nominee(name, gender, by);
    }

    @Test
    void eitherCollegeReachingItsShareShortlists() {
        // Half of 8 branches is 4; half of 5 affiliates rounds up to 3.
        List<Nominee> nominees = List.of(nominee("Grey", "man", 4, 0, 0), nominee("Amber", "woman", 1, 3, 4),
                nominee("Blue", "man", 3, 2, 5));
        Shortlist.Outcome o = Shortlist.compute(nominees, UNITS, rules("1/2", "1/2", Combination.EITHER, null));
        assertEquals(List.of("Amber", "Grey"), o.shortlist());
        assertEquals(List.of("Amber", "Grey"), o.byThreshold());
        Shortlist.Standing blue = o.standings().get(1);
        assertEquals("Blue", blue.candidate());
        assertEquals(5, blue.nominations());
        assertEquals(new Shortlist.CollegeFigures("branches", 3, 8, new Fraction(1, 2), 4, false),
                blue.colleges().get(0));
        assertEquals(new Shortlist.CollegeFigures("affiliates", 2, 5, new Fraction(1, 2), 3, false),
                blue.colleges().get(1));
        assertEquals("shortlisted by threshold (any college must reach its threshold): Amber, Grey. "
                + "Amber (branches 1 of 8, threshold 1/2 needs 4: not reached, affiliates 3 of 5, threshold 1/2 "
                + "needs 3: reached); Blue (branches 3 of 8, threshold 1/2 needs 4: not reached, affiliates 2 of 5, "
                + "threshold 1/2 needs 3: not reached); Grey (branches 4 of 8, threshold 1/2 needs 4: reached, "
                + "affiliates 0 of 5, threshold 1/2 needs 3: not reached)", o.explanation());
    }

    @Test
    void bothNeedsEveryCollege() {
        List<Nominee> nominees = List.of(nominee("Grey", "man", 4, 0, 0), nominee("Amber", "woman", 2, 1, 4));
        Shortlist.Outcome o = Shortlist.compute(nominees, UNITS, rules("1/4", "1/5", Combination.BOTH, null));
        assertEquals(List.of("Amber"), o.shortlist());
        assertTrue(o.explanation().startsWith("shortlisted by threshold (every college"), o.explanation());
    }

    @Test
    void aZeroShareStillNeedsANominationAndAnEmptyCollegeIsNeverReached() {
        List<Nominee> nominees = List.of(nominee("Grey", "man", 0, 0, 0), nominee("Amber", "woman", 1, 0, 0));
        Shortlist.Outcome o = Shortlist.compute(nominees, UNITS, rules("0/1", null, Combination.EITHER, null));
        assertEquals(List.of("Amber"), o.shortlist());
        Shortlist.Outcome none = Shortlist.compute(List.of(nominee("Grey", "man", 0, 0, 0)),
                Map.of("branches", 0L), rules("1/3", null, Combination.EITHER, null));
        assertEquals(List.of(), none.shortlist());
        assertEquals(1, none.standings().get(0).colleges().get(0).required());
    }

    @Test
    void withNoWomanOverTheThresholdTheWomanWithMostNominationsIsAdded() {
        List<Nominee> nominees = List.of(nominee("Grey", "man", 5, 0, 0), nominee("Amber", "Woman ", 2, 2, 5),
                nominee("Coral", "woman", 3, 1, 0), nominee("Dune", "non-binary", 3, 2, 0));
        Shortlist.Outcome o = Shortlist.compute(nominees, UNITS,
                rules("1/2", "1/2", Combination.EITHER, GenderBalance.atLeastOneWoman()));
        assertEquals(List.of("Grey"), o.byThreshold());
        // Amber and Coral both have 3 nominations in all; Coral has more from branches, the first college.
        assertEquals(List.of(new Shortlist.Addition("Coral", "the woman not shortlisted by threshold with most "
                + "nominations (4), tied, then most from branches (3)")), o.added());
        assertEquals(List.of("Grey", "Coral"), o.shortlist());
        assertTrue(o.explanation().endsWith(". Gender balance (at least 1 woman): added Coral, the woman not "
                + "shortlisted by threshold with most nominations (4), tied, then most from branches (3)"),
                o.explanation());
    }

    @Test
    void aWomanOverTheThresholdMeetsTheRule() {
        List<Nominee> nominees = List.of(nominee("Grey", "man", 4, 0, 0), nominee("Amber", "woman", 4, 0, 4),
                nominee("Coral", "woman", 3, 0, 0));
        Shortlist.Outcome o = Shortlist.compute(nominees, UNITS,
                rules("1/2", null, Combination.EITHER, GenderBalance.atLeastOneWoman()));
        assertEquals(List.of(), o.added());
        assertEquals(List.of("Amber", "Grey"), o.shortlist());
        assertTrue(o.explanation().endsWith("Gender balance (at least 1 woman): met by the thresholds"));
    }

    @Test
    void aTieNoCollegeSeparatesIsDrawnWithTheRulebookSeed() {
        List<Nominee> nominees = List.of(nominee("Grey", "man", 4, 0, 0), nominee("Amber", "woman", 2, 1, 0),
                nominee("Coral", "woman", 2, 1, 4));
        ShortlistRules rules = rules("1/2", "1/2", Combination.EITHER, GenderBalance.atLeastOneWoman());
        Shortlist.Outcome o = Shortlist.compute(nominees, UNITS, rules);
        assertEquals(1, o.added().size());
        String reason = o.added().get(0).reason();
        assertTrue(reason.contains("still tied: lot between [Amber, Coral] (seed 7, draw 1"), reason);
        // The same seed draws the same name whatever order the nominations came in.
        assertEquals(o, Shortlist.compute(List.of(nominees.get(2), nominees.get(0), nominees.get(1)), UNITS, rules));
        // Across seeds the lot draws each of them: it is a lot, not a name order.
        Set<String> drawn = new HashSet<>();
        // (Seeds spread out: java.util.Random's first draw barely varies over neighbouring small seeds.)
        Random seeds = new Random(2026);
        for (int i = 0; i < 20; i++) {
            long seed = seeds.nextLong();
            drawn.add(Shortlist.compute(nominees, UNITS, new ShortlistRules(rules.thresholds(), rules.combination(),
                    rules.balance(), seed)).added().get(0).candidate());
        }
        assertEquals(Set.of("Amber", "Coral"), drawn);
    }

    @Test
    void nobodyUnnominatedIsAddedAndAShortfallIsSaid() {
        List<Nominee> nominees = List.of(nominee("Grey", "man", 4, 0, 0), nominee("Amber", "woman", 0, 0, 0),
                nominee("Coral", "woman", 1, 0, 4));
        Shortlist.Outcome o = Shortlist.compute(nominees, UNITS,
                rules("1/2", null, Combination.EITHER, new GenderBalance("woman", 2)));
        assertEquals(List.of("Grey", "Coral"), o.shortlist());
        assertTrue(o.explanation().endsWith("; no other nominated woman to add (1 on the shortlist)"),
                o.explanation());
    }

    @Test
    void badInputIsRefused() {
        ShortlistRules rules = rules("1/2", "1/2", Combination.EITHER, null);
        assertThrows(IllegalArgumentException.class, () -> Shortlist.compute(
                List.of(nominee("Grey", "man", 1, 0, 0), nominee("Grey", "man", 2, 0, 0)), UNITS, rules));
        assertThrows(IllegalArgumentException.class, () -> Shortlist.compute(
                List.of(nominee("Grey", "man", 9, 0, 0)), UNITS, rules));
        assertThrows(IllegalArgumentException.class, () -> Shortlist.compute(
                List.of(nominee("Grey", "man", 1, 0, 0)), Map.of("branches", 8L), rules));
        assertThrows(IllegalArgumentException.class, () -> Shortlist.compute(List.of(new Nominee("Grey", null,
                Set.of(new NominatingUnit("Fabians", "societies")))), UNITS, rules));
        assertThrows(IllegalArgumentException.class, () -> new GenderBalance("woman", 0));
        assertFalse(GenderBalance.atLeastOneWoman().counts(null));
    }
}
