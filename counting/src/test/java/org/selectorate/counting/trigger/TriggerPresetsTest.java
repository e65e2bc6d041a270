package org.selectorate.counting.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.selectorate.counting.simple.YesNo;
import org.selectorate.counting.trigger.TriggerRules.Base;
import org.selectorate.counting.trigger.TriggerRules.Preset;

/** The two historical rule sets against the thresholds the rules publish. */
class TriggerPresetsTest {
    private static final YesNo FOR = new YesNo(10, 3, 0, 0);
    private static final YesNo AGAINST = new YesNo(3, 10, 0, 0);

    /** {@code units} branches, the first {@code forContest} for a contest, the next {@code against} against. */
    private static List<Unit> branches(int units, int forContest, int against) {
        List<Unit> out = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            out.add(new Unit("B" + i, TriggerRules.BRANCHES,
                    i < forContest ? FOR : i < forContest + against ? AGAINST : null));
        }
        return out;
    }

    private static TriggerBallot.College branchCollege(List<Unit> units, String preset, Base base) {
        return TriggerBallot.aggregate(units, TriggerRules.preset(preset, base)).colleges().get(0);
    }

    @Test
    void presetsAreOneThirdAndOneHalfOfBranchesOrOfAffiliates() {
        TriggerRules r2018 = TriggerRules.preset("2018", Base.UNITS_THAT_VOTED);
        assertEquals(Map.of(TriggerRules.BRANCHES, new Fraction(1, 3), TriggerRules.AFFILIATES, new Fraction(1, 3)),
                r2018.thresholds());
        assertEquals(TriggerRules.Combination.EITHER, r2018.combination());
        assertEquals(Base.UNITS_THAT_VOTED, r2018.base());
        TriggerRules r2021 = TriggerRules.preset("2021", Base.ALL_UNITS);
        assertEquals(Map.of(TriggerRules.BRANCHES, new Fraction(1, 2), TriggerRules.AFFILIATES, new Fraction(1, 2)),
                r2021.thresholds());
        assertEquals(TriggerRules.Combination.EITHER, r2021.combination());
        assertEquals(Base.ALL_UNITS, r2021.base());
        assertEquals(Preset.LABOUR_2021, Preset.named("2021"));
        assertEquals("2018", Preset.LABOUR_2018.ruleName());
    }

    @Test
    void nineBranchesAllVotingNeedThreeUnder2018AndFiveUnder2021() {
        for (Base base : Base.values()) {
            assertEquals(3, branchCollege(branches(9, 3, 6), "2018", base).required());
            assertTrue(branchCollege(branches(9, 3, 6), "2018", base).met());
            assertFalse(branchCollege(branches(9, 2, 7), "2018", base).met());
            assertEquals(5, branchCollege(branches(9, 5, 4), "2021", base).required());
            assertTrue(branchCollege(branches(9, 5, 4), "2021", base).met());
            assertFalse(branchCollege(branches(9, 4, 5), "2021", base).met());
        }
    }

    /** "One third or more", "50 per cent or more": the exact share is enough; the rule rounds up, never down. */
    @Test
    void anExactShareIsEnoughAndAPartUnitRoundsUp() {
        assertEquals(2, branchCollege(branches(6, 2, 4), "2018", Base.ALL_UNITS).required());
        assertTrue(branchCollege(branches(6, 2, 4), "2018", Base.ALL_UNITS).met());
        assertEquals(5, branchCollege(branches(10, 5, 5), "2021", Base.ALL_UNITS).required());
        assertTrue(branchCollege(branches(10, 5, 5), "2021", Base.ALL_UNITS).met());
        // A third of 10 is 3.33: four branches (the 2018 rule's worked example of 10 branches).
        assertEquals(4, branchCollege(branches(10, 3, 7), "2018", Base.ALL_UNITS).required());
        assertFalse(branchCollege(branches(10, 3, 7), "2018", Base.ALL_UNITS).met());
        assertEquals(1, branchCollege(branches(1, 1, 0), "2021", Base.ALL_UNITS).required());
        assertEquals(1, branchCollege(branches(2, 1, 1), "2021", Base.ALL_UNITS).required());
    }

    @Test
    void theBaseDecidesWhetherSilentBranchesCount() {
        // 9 branches, 3 of which never met: 3 for a contest, 3 against.
        List<Unit> units = branches(9, 3, 3);
        TriggerBallot.College voted = branchCollege(units, "2021", Base.UNITS_THAT_VOTED);
        assertEquals(6, voted.base());
        assertEquals(3, voted.required());
        assertTrue(voted.met());
        TriggerBallot.College all = branchCollege(units, "2021", Base.ALL_UNITS);
        assertEquals(9, all.base());
        assertEquals(5, all.required());
        assertFalse(all.met());
    }

    @Test
    void affiliatesAloneCanTriggerUnderEitherPreset() {
        List<Unit> units = new ArrayList<>(branches(8, 0, 8));
        units.add(new Unit("Unite", TriggerRules.AFFILIATES, FOR));
        units.add(new Unit("GMB", TriggerRules.AFFILIATES, AGAINST));
        units.add(new Unit("Fabians", TriggerRules.AFFILIATES, AGAINST));
        // 1 of 3 affiliates: a third, not a half.
        TriggerBallot.Outcome o2018 = TriggerBallot.aggregate(units, TriggerRules.preset("2018", Base.ALL_UNITS));
        assertTrue(o2018.triggered(), o2018.explanation());
        assertEquals("affiliates 1 for a contest of 3 (3 of 3 units voted), threshold 1/3 needs 1: reached",
                o2018.explanation().split("; ")[1]);
        TriggerBallot.Outcome o2021 = TriggerBallot.aggregate(units, TriggerRules.preset("2021", Base.ALL_UNITS));
        assertFalse(o2021.triggered(), o2021.explanation());
    }

    @Test
    void anUnknownPresetIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TriggerRules.preset("2019", Base.ALL_UNITS));
        assertEquals("unknown trigger rule preset '2019'; known: [2018, 2021]", e.getMessage());
    }
}
