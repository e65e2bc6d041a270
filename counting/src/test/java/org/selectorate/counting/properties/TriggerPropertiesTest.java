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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.selectorate.counting.simple.YesNo;
import org.selectorate.counting.trigger.Fraction;
import org.selectorate.counting.trigger.TriggerBallot;
import org.selectorate.counting.trigger.TriggerRules;
import org.selectorate.counting.trigger.Unit;

/** Properties of the trigger aggregation, over generated units and rules (presets and explicit thresholds). */
class TriggerPropertiesTest {
    private static final List<String> COLLEGES = List.of(TriggerRules.BRANCHES, TriggerRules.AFFILIATES);

    @Provide
    Arbitrary<List<Unit>> units() {
        // A meeting's own yes/no: yes, no and ties (a tie is not for a contest); or no vote at all.
        Arbitrary<YesNo> vote = Combinators.combine(Arbitraries.longs().between(0, 20),
                Arbitraries.longs().between(0, 20)).as((yes, no) -> new YesNo(yes, no, 0, 0));
        Arbitrary<Unit> unit = Combinators.combine(Arbitraries.of(COLLEGES), vote.injectNull(0.25))
                .as((college, v) -> new Unit("", college, v));
        return unit.list().ofMinSize(0).ofMaxSize(25).map(list -> {
            List<Unit> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                named.add(new Unit("U" + i, list.get(i).college(), list.get(i).vote()));
            }
            return named;
        });
    }

    /** Positive thresholds (a zero share is met by nobody voting at all, which no rulebook means). */
    @Provide
    Arbitrary<TriggerRules> rules() {
        Arbitrary<Fraction> share = Arbitraries.integers().between(1, 6)
                .flatMap(d -> Arbitraries.integers().between(1, d).map(n -> new Fraction(n, d)));
        Arbitrary<TriggerRules> explicit = Combinators.combine(share, share,
                Arbitraries.of(TriggerRules.Combination.class), Arbitraries.of(TriggerRules.Base.class))
                .as((b, a, c, base) -> {
                    Map<String, Fraction> t = new LinkedHashMap<>();
                    t.put(TriggerRules.BRANCHES, b);
                    t.put(TriggerRules.AFFILIATES, a);
                    return new TriggerRules(t, c, base);
                });
        Arbitrary<TriggerRules> preset = Combinators.combine(Arbitraries.of(TriggerRules.Preset.class),
                Arbitraries.of(TriggerRules.Base.class)).as(TriggerRules.Preset::rules);
        return Arbitraries.oneOf(explicit, preset);
    }

    @Property(tries = 500)
    void theOrderOfUnitsDoesNotMatter(@ForAll("units") List<Unit> units, @ForAll("rules") TriggerRules rules,
            @ForAll long seed) {
        List<Unit> shuffled = new ArrayList<>(units);
        Collections.shuffle(shuffled, new Random(seed));
        TriggerBallot.Outcome a = TriggerBallot.aggregate(units, rules);
        TriggerBallot.Outcome b = TriggerBallot.aggregate(shuffled, rules);
        assertEquals(a.triggered(), b.triggered());
        assertEquals(a.explanation(), b.explanation());
        for (int i = 0; i < a.colleges().size(); i++) {
            TriggerBallot.College x = a.colleges().get(i);
            TriggerBallot.College y = b.colleges().get(i);
            assertEquals(new HashSet<>(x.forContest()), new HashSet<>(y.forContest()));
            assertEquals(List.of(x.units(), x.voted(), x.base(), x.required()),
                    List.of(y.units(), y.voted(), y.base(), y.required()));
            assertEquals(x.met(), y.met());
        }
    }

    /** A unit whose result turns to a contest (from against, or from not voting) never un-triggers. */
    @Property(tries = 1000)
    void aUnitTurningForAContestNeverUntriggers(@ForAll("units") List<Unit> units,
            @ForAll("rules") TriggerRules rules, @ForAll int pick) {
        if (units.isEmpty()) {
            return;
        }
        int i = Math.floorMod(pick, units.size());
        Unit u = units.get(i);
        if (u.forContest()) {
            return;
        }
        List<Unit> turned = new ArrayList<>(units);
        turned.set(i, new Unit(u.name(), u.college(), new YesNo(1, 0, 0, 0)));
        if (TriggerBallot.aggregate(units, rules).triggered()) {
            assertTrue(TriggerBallot.aggregate(turned, rules).triggered(), units + " then " + turned);
        }
    }

    /** Over all units a silent unit counts as one against: a no and no vote give the same figures. */
    @Property(tries = 500)
    void overAllUnitsNotVotingIsTheSameAsVotingAgainst(@ForAll("units") List<Unit> units,
            @ForAll("rules") TriggerRules rules) {
        TriggerRules overAll = new TriggerRules(rules.thresholds(), rules.combination(), TriggerRules.Base.ALL_UNITS);
        List<Unit> silentAgainst = units.stream()
                .map(u -> u.voted() && !u.forContest() ? new Unit(u.name(), u.college(), null) : u).toList();
        TriggerBallot.Outcome a = TriggerBallot.aggregate(units, overAll);
        TriggerBallot.Outcome b = TriggerBallot.aggregate(silentAgainst, overAll);
        assertEquals(a.triggered(), b.triggered());
        for (int i = 0; i < a.colleges().size(); i++) {
            assertEquals(a.colleges().get(i).required(), b.colleges().get(i).required());
            assertEquals(a.colleges().get(i).met(), b.colleges().get(i).met());
        }
    }

    /** Counting the silent units in the base only raises the bar: triggered over all units is triggered over voters. */
    @Property(tries = 500)
    void overAllUnitsIsNeverEasierThanOverUnitsThatVoted(@ForAll("units") List<Unit> units,
            @ForAll("rules") TriggerRules rules) {
        TriggerRules overAll = new TriggerRules(rules.thresholds(), rules.combination(), TriggerRules.Base.ALL_UNITS);
        TriggerRules overVoters = new TriggerRules(rules.thresholds(), rules.combination(),
                TriggerRules.Base.UNITS_THAT_VOTED);
        if (TriggerBallot.aggregate(units, overAll).triggered()) {
            assertTrue(TriggerBallot.aggregate(units, overVoters).triggered(), units.toString());
        }
    }
}
