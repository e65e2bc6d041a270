package org.selectorate.counting.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.selectorate.counting.shortlist.GenderBalance;
import org.selectorate.counting.shortlist.NominatingUnit;
import org.selectorate.counting.shortlist.Nominee;
import org.selectorate.counting.shortlist.Shortlist;
import org.selectorate.counting.shortlist.ShortlistRules;
import org.selectorate.counting.trigger.Fraction;
import org.selectorate.counting.trigger.TriggerRules.Combination;

/** Properties of automatic shortlisting over generated nominations (8 branches, 5 affiliates). */
class ShortlistPropertiesTest {
    private static final Map<String, Long> UNITS = Map.of("branches", 8L, "affiliates", 5L);
    private static final List<NominatingUnit> ALL_UNITS = new ArrayList<>();

    static {
        for (int i = 0; i < 8; i++) {
            ALL_UNITS.add(new NominatingUnit("Branch " + i, "branches"));
        }
        for (int i = 0; i < 5; i++) {
            ALL_UNITS.add(new NominatingUnit("Affiliate " + i, "affiliates"));
        }
    }

    @Provide
    Arbitrary<List<Nominee>> nominees() {
        Arbitrary<Nominee> one = Combinators.combine(Arbitraries.of("woman", "man", "non-binary").injectNull(0.2),
                Arbitraries.subsetOf(ALL_UNITS)).as((gender, units) -> new Nominee("", gender, units));
        return one.list().ofMinSize(1).ofMaxSize(6).map(list -> {
            List<Nominee> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                named.add(new Nominee("C" + i, list.get(i).gender(), list.get(i).nominatedBy()));
            }
            return named;
        });
    }

    @Provide
    Arbitrary<ShortlistRules> rules() {
        Arbitrary<Fraction> share = Arbitraries.integers().between(1, 5)
                .flatMap(d -> Arbitraries.integers().between(0, d).map(n -> new Fraction(n, d)));
        return Combinators.combine(share.injectNull(0.3), share, Arbitraries.of(Combination.class),
                Arbitraries.of(GenderBalance.atLeastOneWoman(), new GenderBalance("woman", 2)).injectNull(0.3),
                Arbitraries.longs()).as((branches, affiliates, c, balance, seed) -> {
                    Map<String, Fraction> t = new LinkedHashMap<>();
                    if (branches != null) {
                        t.put("branches", branches);
                    }
                    t.put("affiliates", affiliates);
                    return new ShortlistRules(t, c, balance, seed);
                });
    }

    @Property(tries = 1000)
    void aNominationNeverRemovesACandidateFromTheThresholdList(@ForAll("nominees") List<Nominee> nominees,
            @ForAll("rules") ShortlistRules rules, @ForAll int who, @ForAll int unit) {
        int i = Math.floorMod(who, nominees.size());
        Nominee n = nominees.get(i);
        Set<NominatingUnit> more = new HashSet<>(n.nominatedBy());
        more.add(ALL_UNITS.get(Math.floorMod(unit, ALL_UNITS.size())));
        List<Nominee> after = new ArrayList<>(nominees);
        after.set(i, new Nominee(n.name(), n.gender(), more));
        List<String> before = Shortlist.compute(nominees, UNITS, rules).byThreshold();
        List<String> now = Shortlist.compute(after, UNITS, rules).byThreshold();
        assertTrue(now.containsAll(before), before + " then " + now);
    }

    @Property(tries = 300)
    void theOrderOfNomineesDoesNotMatter(@ForAll("nominees") List<Nominee> nominees,
            @ForAll("rules") ShortlistRules rules, @ForAll long seed) {
        List<Nominee> shuffled = new ArrayList<>(nominees);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(Shortlist.compute(nominees, UNITS, rules), Shortlist.compute(shuffled, UNITS, rules));
    }

    /** The balance rule adds only the rule's gender, never someone unnominated, and only up to its number. */
    @Property(tries = 500)
    void theBalanceRuleAddsOnlyWhatItMust(@ForAll("nominees") List<Nominee> nominees,
            @ForAll("rules") ShortlistRules rules) {
        Shortlist.Outcome o = Shortlist.compute(nominees, UNITS, rules);
        if (rules.balance() == null) {
            assertEquals(o.byThreshold(), o.shortlist());
            return;
        }
        long women = o.standings().stream().filter(s -> o.shortlist().contains(s.candidate())
                && rules.balance().counts(s.gender())).count();
        long nominatedWomen = o.standings().stream().filter(s -> rules.balance().counts(s.gender())
                && (s.reached() || s.nominations() > 0)).count();
        assertEquals(Math.min(rules.balance().atLeast(), nominatedWomen), Math.min(rules.balance().atLeast(), women));
        for (Shortlist.Addition a : o.added()) {
            Shortlist.Standing s = o.standings().stream().filter(x -> x.candidate().equals(a.candidate()))
                    .findFirst().orElseThrow();
            assertTrue(rules.balance().counts(s.gender()) && s.nominations() > 0 && !s.reached());
        }
        assertTrue(o.added().isEmpty() || o.byThreshold().stream().filter(c -> o.standings().stream()
                .anyMatch(s -> s.candidate().equals(c) && rules.balance().counts(s.gender())))
                .count() < rules.balance().atLeast());
    }
}
