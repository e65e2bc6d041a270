package org.selectorate.counting.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.selectorate.counting.av.AvRules;
import org.selectorate.counting.av.InstantRunoff;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.meek.MeekReport;
import org.selectorate.counting.meek.MeekRules;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.report.JsonReport;
import org.selectorate.counting.stv.Ers97Stv;
import org.selectorate.counting.stv.GregoryRules;
import org.selectorate.counting.stv.GregoryStv;
import org.selectorate.counting.tie.TieBreak;

/** Properties the rules really have, over generated elections with full rankings. */
class CountPropertiesTest {
    private static final List<String> NAMES = List.of("A", "B", "C", "D", "E");

    @Provide
    Arbitrary<Election> fullRankings() {
        return Arbitraries.integers().between(3, 5).flatMap(n -> {
            Arbitrary<Ballot> ballot = Combinators.combine(
                    Arbitraries.longs().between(1, 30),
                    Arbitraries.shuffle(range(n))).as((count, order) ->
                    Ballot.ranking(count, order.stream().mapToInt(Integer::intValue).toArray()));
            return ballot.list().ofMinSize(1).ofMaxSize(12).map(ballots ->
                    Election.of("generated", NAMES.subList(0, n), 1, Set.of(), ballots));
        });
    }

    @Property(tries = 300)
    void ballotOrderDoesNotMatter(@ForAll("fullRankings") Election e, @ForAll long shuffleSeed) {
        List<Ballot> shuffled = new ArrayList<>(e.ballots());
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        Election reordered = new Election(e.title(), e.candidates(), e.seats(), e.withdrawn(), shuffled);
        AvRules rules = AvRules.standard(7);
        assertEquals(JsonReport.write(InstantRunoff.count(e, rules)),
                JsonReport.write(InstantRunoff.count(reordered, rules)));
        Election twoSeats = new Election(e.title(), e.candidates(), 2, e.withdrawn(), e.ballots());
        Election twoSeatsReordered = new Election(e.title(), e.candidates(), 2, e.withdrawn(), shuffled);
        GregoryRules stv = GregoryRules.scottish(TieBreak.forwards(7));
        assertEquals(JsonReport.write(GregoryStv.count(twoSeats, stv)),
                JsonReport.write(GregoryStv.count(twoSeatsReordered, stv)));
        assertEquals(JsonReport.write(MeekReport.count(twoSeats, MeekRules.defaults())),
                JsonReport.write(MeekReport.count(twoSeatsReordered, MeekRules.defaults())));
        assertEquals(JsonReport.write(Ers97Stv.count(twoSeats, 7, RankRules.DEFAULT)),
                JsonReport.write(Ers97Stv.count(twoSeatsReordered, 7, RankRules.DEFAULT)));
    }

    /** Every STV rule here uses a Droop quota: more than a third of first preferences wins one of two seats. */
    @Property(tries = 300)
    void moreThanADroopQuotaOfFirstPreferencesIsElected(@ForAll("fullRankings") Election e) {
        Election twoSeats = new Election(e.title(), e.candidates(), 2, e.withdrawn(), e.ballots());
        long[] first = new long[e.candidateCount()];
        e.ballots().forEach(b -> first[b.mark(0, 0)] += b.count());
        List<List<String>> results = List.of(
                GregoryStv.count(twoSeats, GregoryRules.scottish(TieBreak.forwards(3))).elected(),
                MeekReport.count(twoSeats, MeekRules.defaults()).elected(),
                Ers97Stv.count(twoSeats, 3, RankRules.DEFAULT).elected());
        for (int c = 0; c < first.length; c++) {
            if (3 * first[c] > e.totalBallots()) {
                for (List<String> elected : results) {
                    assertTrue(elected.contains(e.candidates().get(c)), elected + " " + e.ballots());
                }
            }
        }
    }

    @Property(tries = 300)
    void avElectsAMajorityOfFirstPreferences(@ForAll("fullRankings") Election e) {
        long total = e.totalBallots();
        long[] first = new long[e.candidateCount()];
        e.ballots().forEach(b -> first[b.mark(0, 0)] += b.count());
        for (int c = 0; c < first.length; c++) {
            if (2 * first[c] > total) {
                assertEquals(List.of(e.candidates().get(c)),
                        InstantRunoff.count(e, AvRules.standard(1)).elected());
            }
        }
    }

    @Property(tries = 500)
    void avNeverElectsACondorcetLoser(@ForAll("fullRankings") Election e) {
        int loser = condorcetLoser(e);
        if (loser >= 0) {
            assertNotEquals(List.of(e.candidates().get(loser)),
                    InstantRunoff.count(e, AvRules.standard(1)).elected());
        }
    }

    /** Matching options: a fixed tie-break order, since a lot for a winner and for a loser differ. */
    @Property(tries = 300)
    void oneSeatStvEqualsAv(@ForAll("fullRankings") Election e, @ForAll long seed) {
        List<String> order = new ArrayList<>(e.candidates());
        Collections.shuffle(order, new Random(seed));
        TieBreak tie = TieBreak.order(order);
        assertEquals(InstantRunoff.count(e, AvRules.standard(seed).withTieBreak(tie)).elected(),
                GregoryStv.count(e, GregoryRules.scottish(tie)).elected());
    }

    /** The candidate beaten head to head by every other candidate, or -1. */
    private static int condorcetLoser(Election e) {
        int n = e.candidateCount();
        long[][] prefer = new long[n][n];
        for (Ballot b : e.ballots()) {
            for (int i = 0; i < b.rankCount(); i++) {
                for (int j = i + 1; j < b.rankCount(); j++) {
                    prefer[b.mark(i, 0)][b.mark(j, 0)] += b.count();
                }
            }
        }
        for (int c = 0; c < n; c++) {
            boolean losesAll = true;
            for (int d = 0; d < n; d++) {
                if (d != c && prefer[d][c] <= prefer[c][d]) {
                    losesAll = false;
                }
            }
            if (losesAll) {
                return c;
            }
        }
        return -1;
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
