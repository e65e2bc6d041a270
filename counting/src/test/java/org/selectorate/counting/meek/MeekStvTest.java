package org.selectorate.counting.meek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.report.Stage;

class MeekStvTest {
    /** A has 7 with B second; quota 12/3: A's surplus reaches B through A's keep factor (near 4/7). */
    @Test
    void aSurplusPassesOnThroughTheKeepFactor() {
        Election e = Election.of("t", List.of("A", "B", "C"), 2, Set.of(), List.of(
                Ballot.ranking(7, 0, 1), Ballot.ranking(2, 1), Ballot.ranking(3, 2)));
        CountReport r = MeekReport.count(e, MeekRules.defaults());
        assertEquals(List.of("A", "B"), r.elected());
        Stage last = r.lastStage();
        assertTrue(last.action().endsWith("Count Complete"), last.action());
        assertTrue(last.tallies().get("B").compareTo(Fixed.parse("4.99", 9)) > 0, last.tallies().toString());
        assertTrue(last.notes().stream().anyMatch(n -> n.startsWith("keep factors: A 0.57")), last.notes().toString());
    }

    @Test
    void blankBallotsAreSetAsideAndWithdrawnCandidatesStruck() {
        Election e = Election.of("t", List.of("A", "B", "C"), 1, Set.of("B"), List.of(
                Ballot.ranking(3, 1), Ballot.ranking(2, 1, 2), Ballot.ranking(4, 0), new Ballot(5, new int[0][])));
        assertEquals(6, MeekStv.ballotsCounted(e));
        CountReport r = MeekReport.count(e, MeekRules.defaults());
        assertEquals(List.of("A"), r.elected());
        assertEquals("2.000000000", r.stages().get(0).tallies().get("C").toString());
    }
}
