package org.selectorate.counting.stv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.report.Stage;

/** ERS97 counts worked by hand from the rules' text (section 5). */
class Ers97StvTest {
    private static final List<String> NAMES = List.of("A", "B", "C", "D", "E");

    private static CountReport count(int seats, Ballot... ballots) {
        return Ers97Stv.count(Election.of("t", NAMES, seats, Set.of(), List.of(ballots)), 0, RankRules.DEFAULT);
    }

    private static String votes(Stage s, String name) {
        return s.tallies().get(name).toString();
    }

    /**
     * 100 votes, 2 seats: quota 100/3 = 33.33 remainder, so 33.34 (5.1.6). A's surplus 16.66 over
     * 50 transferable papers: transfer value 0.33, B +16.50, non-transferable difference 0.16.
     * Then E (no votes) and D (15) are excluded together, as 15 does not exceed C's 25 (5.2.5), and
     * C reaches the quota with D's papers.
     */
    @Test
    void firstStageSurplusAtTruncatedTransferValue() {
        CountReport r = count(2, Ballot.ranking(50, 0, 1), Ballot.ranking(10, 1), Ballot.ranking(25, 2),
                Ballot.ranking(15, 3, 2));
        assertEquals("33.34", r.stages().get(0).threshold().toString());
        Stage surplus = r.stages().get(1);
        assertTrue(surplus.action().contains("transfer value 0.33"), surplus.action());
        assertEquals(Map.of("B", "16.50", Ers97Stv.DIFFERENCE, "0.16"), Map.of(
                "B", surplus.transfers().get("A").get("B").toString(),
                Ers97Stv.DIFFERENCE, surplus.transfers().get("A").get(Ers97Stv.DIFFERENCE).toString()));
        assertEquals("26.50", votes(surplus, "B"));
        assertEquals("33.34", votes(surplus, "A"));
        assertEquals(List.of("D", "E"), r.stages().get(2).excluded().stream().sorted().toList());
        assertEquals("40.00", votes(r.stages().get(2), "C"));
        assertEquals(List.of("A", "C"), r.elected());
    }

    /**
     * A's surplus of 2.66 cannot lift E+D (14) above C (20), so it is deferred and E and D are
     * excluded together (5.2.2, 5.2.5). E's papers exhaust (6). Then the surplus goes at 2.66/36 =
     * 0.07 a paper, C +2.52 = 30.52: below the quota but at least the total active vote (60.52)
     * / 2, so C is deemed elected (5.3.13b).
     */
    @Test
    void deferredSurplusBulkExclusionAndTheActiveVoteShare() {
        CountReport r = count(2, Ballot.ranking(36, 0, 2), Ballot.ranking(30, 1), Ballot.ranking(20, 2, 1),
                Ballot.ranking(8, 3, 2), Ballot.ranking(6, 4, 3));
        Stage second = r.stages().get(1);
        assertEquals(List.of("D", "E"), second.excluded().stream().sorted().toList());
        assertTrue(second.notes().stream().anyMatch(n -> n.contains("deferred")), second.notes().toString());
        assertEquals("28.00", votes(second, "C"));
        assertEquals("6.00", second.inactive().get("exhausted").toString());
        Stage third = r.stages().get(2);
        assertTrue(third.action().contains("transfer value 0.07"), third.action());
        assertEquals("30.52", votes(third, "C"));
        assertEquals(List.of("C"), third.elected());
        assertTrue(third.notes().stream().anyMatch(n -> n.contains("5.1.7b")), third.notes().toString());
        assertEquals(List.of("A", "C"), r.elected());
    }

    /**
     * Quota 90/3 = 30.00 exactly. D is excluded and B reaches 40 with D's 12 papers; B's surplus of
     * 10 comes from that last batch only (5.3.2): 12 papers to A at 0.83, so A +9.96 and C, whom
     * B's own first preferences name next, gets nothing.
     */
    @Test
    void laterSurplusComesFromTheLastBatchOnly() {
        CountReport r = count(2, Ballot.ranking(28, 1, 2), Ballot.ranking(26, 2), Ballot.ranking(24, 0),
                Ballot.ranking(12, 3, 1, 0));
        assertEquals("30.00", r.stages().get(0).threshold().toString());
        assertEquals(List.of("B"), r.stages().get(1).elected());
        Stage surplus = r.stages().get(2);
        assertTrue(surplus.action().contains("last batch") && surplus.action().contains("0.83"), surplus.action());
        assertEquals("33.96", votes(surplus, "A"));
        assertEquals("26.00", votes(surplus, "C"));
        assertEquals(List.of("B", "A"), r.elected());
    }

    /**
     * 99 votes, 2 seats: quota exactly 33.00, reached by all three. Equal at every point and only two
     * places: none is deemed elected at the first stage (5.6.2). The lowest are then equal too, so a
     * lot excludes one and the other two fill the places (5.5.1).
     */
    @Test
    void equalCandidatesWhoNeverDifferedAreNotDeemedElected() {
        CountReport r = Ers97Stv.count(Election.of("t", List.of("A", "B", "C"), 2, Set.of(),
                List.of(Ballot.ranking(33, 0), Ballot.ranking(33, 1), Ballot.ranking(33, 2))), 5, RankRules.DEFAULT);
        Stage first = r.stages().get(0);
        assertEquals(List.of(), first.elected());
        assertTrue(first.notes().stream().anyMatch(n -> n.contains("none deemed elected")), first.notes().toString());
        assertEquals(2, r.elected().size());
        assertTrue(r.stages().stream().flatMap(s -> s.notes().stream()).anyMatch(n -> n.contains("lot")));
    }

    /**
     * 3 seats, quota 25.00. A's surplus of 5 goes to D at 5/30 = 0.16 (D 10.80); F is excluded and
     * B reaches 32, whose surplus comes from F's papers, which go no further (7 lost). D is then
     * excluded batch by batch, highest value first (5.4): D's own 6 papers at 1.00 to E, then A's 30
     * papers at 0.16 past the elected A and B to C (+4.80 = 24.80), which reaches the active-vote
     * share (100 - 7.20 - 50) / 2 = 21.40 and fills the last place.
     */
    @Test
    void anExcludedCandidatesPapersMoveInBatchesByDescendingValue() {
        List<String> names = List.of("A", "B", "C", "D", "E", "F");
        CountReport r = Ers97Stv.count(Election.of("t", names, 3, Set.of(), List.of(
                Ballot.ranking(30, 0, 3, 2, 1), Ballot.ranking(6, 3, 4), Ballot.ranking(22, 1), Ballot.ranking(20, 2),
                Ballot.ranking(12, 4, 2), Ballot.ranking(10, 5, 1))), 0, RankRules.DEFAULT);
        assertEquals("10.80", votes(r.stages().get(1), "D"));
        Stage last = r.lastStage();
        assertEquals(List.of("D"), last.excluded());
        List<String> batches = last.notes().stream().filter(n -> n.startsWith("batch")).toList();
        assertEquals(List.of("batch at value 1.00 transferred", "batch at value 0.16 transferred"), batches);
        assertEquals("18.00", votes(last, "E"));
        assertEquals("24.80", votes(last, "C"));
        assertEquals(List.of("A", "B", "C"), r.elected());
    }
}
