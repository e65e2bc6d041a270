package org.selectorate.counting.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.blt.BltFile;
import org.selectorate.counting.blt.BltReader;
import org.selectorate.counting.blt.BltWriter;
import org.selectorate.counting.io.FormatException;
import org.selectorate.counting.io.JsonBallots;

class FormatsTest {
    private static final String BLT = """
            4 2
            [nick a b c d]
            [withdrawn d]
            [tie c b a d]
            3 a b=c 0
            2 b - c 0
            1 d 0
            0
            "Apple"
            "Banana"
            "Cherry"
            "Date"
            "Fruit"
            """;

    @Test
    void readsBltExtensionsAndWritesItBack() {
        BltFile f = BltReader.read(BLT);
        Election e = f.election();
        assertEquals(List.of("Apple", "Banana", "Cherry", "Date"), e.candidates());
        assertEquals(java.util.Set.of("Date"), e.withdrawn());
        assertEquals(List.of("Cherry", "Banana", "Apple", "Date"), f.tieOrder());
        assertEquals(2, e.ballots().get(0).markCount(1));
        assertEquals(0, e.ballots().get(1).markCount(1));
        String written = BltWriter.write(e);
        assertTrue(written.contains("-4\n3 1 2=3 0\n2 2 - 3 0\n"), written);
        assertEquals(written, BltWriter.write(BltReader.read(written).election()));
    }

    @Test
    void readsJsonBallots() {
        Election e = JsonBallots.read("""
                {"candidates": ["A", "B"], "seats": 1, "withdrawn": ["B"],
                 "ballots": [{"count": 2, "ranks": [["A"], [], ["A", "B"]]}]}
                """);
        assertEquals(2, e.totalBallots());
        assertEquals(2, e.ballots().get(0).markCount(2));
    }

    @Test
    void errorsNameTheLine() {
        FormatException json = assertThrows(FormatException.class, () -> JsonBallots.read(
                "{\"candidates\": [\"A\"],\n \"ballots\": [\n {\"count\": 1, \"ranks\": [[\"Z\"]]}]}"));
        assertEquals(3, json.line());
        FormatException blt = assertThrows(FormatException.class,
                () -> BltReader.read("2 1\n1 1 0\n1 x 0\n0\n\"A\"\n\"B\"\n"));
        assertEquals(3, blt.line());
    }
}
