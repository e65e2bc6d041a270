package org.selectorate.counting.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.selectorate.counting.av.AvRules;
import org.selectorate.counting.av.InstantRunoff;
import org.selectorate.counting.rank.RankRules;

/** Every CA-SB1288 IRV case: tallies and exhausted ballots by category each round, statuses. */
class CaSb1288IrvConformanceTest {

    /** Cases that cannot run here, with the reason (also in the issue note). */
    static final Map<String, String> NOT_RUN = Map.of("test_irv/irv-012-5.json",
            "chooses alternative defeats round by round (Y,Y,Y,N,N,N); bulk exclusion here is on or off"
            + " for the whole count");

    static Stream<String> cases() {
        return Oracles.tsv("ca-sb1288/INDEX.tsv").stream()
                .filter(r -> r.get(0).equals("test_irv") && !r.get(5).equals("exception"))
                .map(r -> r.get(0) + "/" + r.get(1))
                .filter(f -> !NOT_RUN.containsKey(f));
    }

    @Test
    void everyCaseIsRunOrExplained() {
        long all = Oracles.tsv("ca-sb1288/INDEX.tsv").stream().filter(r -> r.get(0).equals("test_irv")).count();
        assertEquals(all, cases().count() + NOT_RUN.size() + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesCaSb1288(String file) {
        CaSb1288Case c = CaSb1288Case.load(file);
        assertEquals(List.of(), c.differences(InstantRunoff.count(c.election(), rules(c))));
    }

    @Test
    void rejectsAnInvalidNumberOfSeats() {
        CaSb1288Case c = CaSb1288Case.load("test_irv/irv-003.json");
        assertThrows(IllegalArgumentException.class, c::election);
    }

    /** SB 1288: skipped ranks passed over, exhausted at an overvote, count down to two finalists. */
    static AvRules rules(CaSb1288Case c) {
        Object alt = c.options().getOrDefault("alternative_defeats", "N");
        boolean bulk = alt instanceof String s && s.equalsIgnoreCase("Y");
        boolean stop = Boolean.TRUE.equals(c.options().get("stop_at_majority"));
        RankRules ranking = new RankRules(RankRules.Overvote.EXHAUST, RankRules.UNLIMITED,
                RankRules.Duplicates.SKIP, c.maxRankings());
        return new AvRules(ranking, c.tieBreak(), bulk,
                stop ? AvRules.Finish.MAJORITY : AvRules.Finish.LAST_TWO, null);
    }
}
