package org.selectorate.counting.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.selectorate.counting.av.AvRules;
import org.selectorate.counting.av.InstantRunoff;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.report.JsonReport;

class JsonBallotsTest {
    /**
     * A real election (Minneapolis 2013 park board, 80,101 papers, RCTab's oracle) read one paper per line, as a
     * scanner exports it, and read as weighted distinct ballots with the fields in another order: the same
     * ballots in the same order, and the same count to the byte.
     */
    @Test
    void onePaperPerLineMergesToTheWeightedBallots() throws IOException {
        List<String> rows = resource("/oracles/rctab/2013_minneapolis_park/ballots.tsv").lines().skip(1)
                .filter(l -> !l.isBlank()).toList();
        String candidates = """
                ["ANNIE YOUNG", "CASPER HILL", "HASHIM YONIS", "ISHMAEL ISRAEL", "JASON STONE", "JOHN ERWIN",
                 "MARY LYNN MCPHERSON", "MEG FORNEY", "STEVE BARLAND", "TOM NORDYKE"]""";
        StringBuilder papers = new StringBuilder("{\"candidates\": " + candidates + ", \"ballots\": [\n");
        StringBuilder weighted = new StringBuilder("{\"ballots\": [\n");
        long total = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i).split("\t", -1);
            String ranks = ranks(cells);
            long count = Long.parseLong(cells[0]);
            total += count;
            for (long n = 0; n < count; n++) {
                papers.append(papers.charAt(papers.length() - 2) == '[' ? "" : ",\n")
                        .append("{\"ranks\": ").append(ranks).append('}');
            }
            weighted.append(i == 0 ? "" : ",\n").append("{\"ranks\": ").append(ranks)
                    .append(", \"count\": ").append(count).append('}');
        }
        papers.append("]}\n");
        weighted.append("], \"seats\": 1, \"candidates\": ").append(candidates).append("}\n");

        Election onePerLine = JsonBallots.read(new ByteArrayInputStream(
                papers.toString().getBytes(StandardCharsets.UTF_8)));
        Election merged = JsonBallots.read(weighted.toString());
        assertEquals(80_101, total);
        assertEquals(total, onePerLine.totalBallots());
        assertEquals(merged.candidates(), onePerLine.candidates());
        assertEquals(merged.ballots().toString(), onePerLine.ballots().toString());
        AvRules rules = AvRules.standard(0).withRanking(new RankRules(RankRules.Overvote.SKIP, 2,
                RankRules.Duplicates.SKIP, RankRules.UNLIMITED));
        assertEquals(JsonReport.write(InstantRunoff.count(merged, rules)),
                JsonReport.write(InstantRunoff.count(onePerLine, rules)));
    }

    /** A rank cell of the oracle's TSV as JSON; an unnamed overvote or write-in is a skipped rank here. */
    private static String ranks(String[] cells) {
        List<String> ranks = new ArrayList<>();
        for (int c = 1; c < cells.length; c++) {
            String cell = cells[c];
            ranks.add(cell.isEmpty() || cell.startsWith("#") ? "[]"
                    : "[\"" + String.join("\", \"", cell.split("\\|")) + "\"]");
        }
        return "[" + String.join(", ", ranks) + "]";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"candidates\": [\"A\"], \"candidates\": [\"B\"], \"ballots\": []}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"ranks\": [[\"A\"]], \"ranks\": []}]}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"count\": 01, \"ranks\": [[\"A\"]]}]}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"count\": +1, \"ranks\": [[\"A\"]]}]}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"count\": .5, \"ranks\": [[\"A\"]]}]}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"count\": 1., \"ranks\": [[\"A\"]]}]}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"count\": NaN, \"ranks\": [[\"A\"]]}]}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"count\": 1.5, \"ranks\": [[\"A\"]]}]}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"count\": 0, \"ranks\": [[\"A\"]]}]}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"count\": 1}]}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"ranks\": [\"A\"]}]}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"ranks\": [[1]]}]}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"ranks\": [[\"A\"]]}]} x",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"ranks\": [[\"A\"]]}]}{}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"ranks\": [[\"A\"]]}] /* c */}",
        "{\"candidates\": [\"A\u0001\"], \"ballots\": []}",
        "{\"candidates\": [\"A\"], \"ballots\": [{\"ranks\": [[\"A\"]]}]",
        "{\"candidates\": [\"A\"], \"seats\": 1}",
        "{\"candidates\": [\"A\"], \"ballots\": [], \"colour\": \"red\"}",
        "[{\"candidates\": [\"A\"], \"ballots\": []}]",
    })
    void refusesWhatRfc8259OrTheFormatDoesNotAllowInOneLineNamingIt(String json) {
        String text = "\n\n" + json;
        FormatException e = assertThrows(FormatException.class, () -> JsonBallots.read(text));
        assertEquals(3, e.line(), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("line 3: "), e.getMessage());
    }

    @Test
    void wholeNumbersMayBeWrittenAsDecimalsAndFieldsComeInAnyOrder() {
        Election e = JsonBallots.read("""
                {"ballots": [{"ranks": [["B"], ["A"]], "count": 2.0}, {"count": 3e0, "ranks": [["B"], ["A"]]},
                             {"ranks": [[], ["A", "B"]]}],
                 "withdrawn": [], "seats": 1, "title": "T", "candidates": ["A", "B"]}
                """);
        assertEquals("[5 [[1], [0]], 1 [[], [0, 1]]]", e.ballots().toString());
        assertEquals("T", e.title());
    }

    @Test
    void anUnknownCandidateIsNamedAtTheLineItIsFirstMet() {
        FormatException e = assertThrows(FormatException.class, () -> JsonBallots.read(
                "{\"ballots\": [{\"ranks\": [[\"A\"]]},\n{\"ranks\": [[\"Z\"]]}],\n\"candidates\": [\"A\"]}"));
        assertEquals("line 2: unknown candidate \"Z\"", e.getMessage());
    }

    @Test
    void parsesValuesStrictly() {
        assertEquals(Map.of("a", List.of(new BigDecimal("1.50"), true, "x\n")),
                Json.parse("{\"a\": [1.50, true, \"x\\n\"]}"));
        assertEquals("line 1: Duplicate field 'a'", assertThrows(FormatException.class,
                () -> Json.parse("{\"a\": 1, \"a\": 2}")).getMessage());
        assertThrows(FormatException.class, () -> Json.parse("{\"a\": 01}"));
        assertEquals("\"a\\\"b\\\\c\\n\"", Json.quote("a\"b\\c\n"));
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = JsonBallotsTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
