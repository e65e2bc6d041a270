package org.selectorate.counting.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.selectorate.counting.simple.YesNo;

class TriggerBallotTest {
    private static final List<Unit> UNITS = List.of(
            new Unit("North", "branches", new YesNo(12, 5, 1, 0)),
            new Unit("South", "branches", new YesNo(4, 9, 0, 0)),
            new Unit("East", "branches", new YesNo(6, 6, 0, 0)),
            new Unit("West", "branches", null),
            new Unit("Unite", "affiliates", new YesNo(1, 0, 0, 0)),
            new Unit("GMB", "affiliates", new YesNo(0, 1, 0, 0)),
            new Unit("CWU", "affiliates", null),
            new Unit("Fabians", "affiliates", null));

    private static TriggerRules rules(TriggerRules.Combination c, TriggerRules.Base base) {
        Map<String, Fraction> t = new LinkedHashMap<>();
        t.put("branches", Fraction.parse("1/3"));
        t.put("affiliates", Fraction.parse("1/2"));
        return new TriggerRules(t, c, base);
    }

    @Test
    void eitherCollegeOverUnitsThatVoted() {
        TriggerBallot.Outcome o = TriggerBallot.aggregate(UNITS,
                rules(TriggerRules.Combination.EITHER, TriggerRules.Base.UNITS_THAT_VOTED));
        TriggerBallot.College branches = o.colleges().get(0);
        // East's tie is not a majority for a contest: 1 of 3 voting branches, 1/3 needs 1.
        assertEquals(List.of("North"), branches.forContest());
        assertEquals(3, branches.base());
        assertEquals(1, branches.required());
        assertTrue(branches.met());
        assertTrue(o.colleges().get(1).met());
        assertTrue(o.triggered());
        assertTrue(o.explanation().startsWith("triggered (any college"), o.explanation());
    }

    @Test
    void overAllUnitsTheSilentCountAgainst() {
        TriggerBallot.Outcome o = TriggerBallot.aggregate(UNITS,
                rules(TriggerRules.Combination.EITHER, TriggerRules.Base.ALL_UNITS));
        assertEquals(2, o.colleges().get(0).required());
        assertFalse(o.colleges().get(0).met());
        assertEquals(2, o.colleges().get(1).required());
        assertFalse(o.colleges().get(1).met());
        assertFalse(o.triggered());
    }

    @Test
    void bothNeedsEveryCollege() {
        List<Unit> units = List.of(new Unit("North", "branches", new YesNo(3, 1, 0, 0)),
                new Unit("GMB", "affiliates", new YesNo(0, 2, 0, 0)));
        assertFalse(TriggerBallot.aggregate(units,
                rules(TriggerRules.Combination.BOTH, TriggerRules.Base.UNITS_THAT_VOTED)).triggered());
        assertTrue(TriggerBallot.aggregate(units,
                rules(TriggerRules.Combination.EITHER, TriggerRules.Base.UNITS_THAT_VOTED)).triggered());
    }

    @Test
    void aCollegeWhereNobodyVotedCannotReachItsThreshold() {
        List<Unit> units = List.of(new Unit("West", "branches", null));
        TriggerBallot.Outcome o = TriggerBallot.aggregate(units,
                rules(TriggerRules.Combination.EITHER, TriggerRules.Base.UNITS_THAT_VOTED));
        assertFalse(o.colleges().get(0).met());
        assertFalse(o.triggered());
    }

    @Test
    void rejectsAUnitOfAnUnknownCollegeAndABadFraction() {
        assertThrows(IllegalArgumentException.class, () -> TriggerBallot.aggregate(
                List.of(new Unit("X", "societies", null)),
                rules(TriggerRules.Combination.EITHER, TriggerRules.Base.ALL_UNITS)));
        assertThrows(IllegalArgumentException.class, () -> Fraction.parse("4/3"));
    }
}
