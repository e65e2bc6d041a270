package org.selectorate.counting.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.selectorate.counting.stv.GregoryRules;
import org.selectorate.counting.stv.GregoryStv;

/**
 * Every CA-SB1288 STV case, including its alternative-defeats group: tallies, exhausted and
 * residual values each round, and each candidate's status and round.
 */
class CaSb1288StvConformanceTest {

    static Stream<String> cases() {
        return Oracles.tsv("ca-sb1288/INDEX.tsv").stream()
                .filter(r -> !r.get(0).equals("test_irv"))
                .map(r -> r.get(0) + "/" + r.get(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesCaSb1288(String file) {
        CaSb1288Case c = CaSb1288Case.load(file);
        boolean altDefeats = "Y".equalsIgnoreCase(String.valueOf(c.options().get("alternative_defeats")));
        GregoryRules rules = GregoryRules.sb1288(c.tieBreak(), c.maxRankings(), altDefeats);
        assertEquals(List.of(), c.differences(GregoryStv.count(c.election(), rules)));
    }
}
