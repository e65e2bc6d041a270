package org.selectorate.cli.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CountCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new CountCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    @Test
    void countsAJsonFileAsJson() throws Exception {
        Path f = dir.resolve("ballots.json");
        Files.writeString(f, """
                {"candidates": ["A", "B", "C"], "seats": 1, "withdrawn": [],
                 "ballots": [{"count": 4, "ranks": [["A"], ["B"]]},
                             {"count": 3, "ranks": [["B"]]},
                             {"count": 2, "ranks": [["C"], [], ["B"]]}]}
                """);
        assertEquals(0, run(f.toString(), "--method", "av", "--format", "json"));
        String json = out.toString();
        assertTrue(json.contains("\"elected\": [\"B\"]"), json);
        assertTrue(json.contains("\"tallies\": {\"A\": \"4\", \"B\": \"3\", \"C\": \"2\"}"), json);
    }

    @Test
    void countsABltFileAsAStageSheet() throws Exception {
        Path f = dir.resolve("ballots.blt");
        Files.writeString(f, "3 1\n4 1 2 0\n3 2 0\n2 3 2 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"Test\"\n");
        assertEquals(0, run(f.toString(), "--method", "av"));
        assertTrue(out.toString().contains("Elected: B"), out.toString());
        assertTrue(out.toString().contains("Stage 1: Exclude C"), out.toString());
    }

    @Test
    void commentaryAfterTheTitleIsCountedWithoutAndWarnedOf() throws Exception {
        Path f = dir.resolve("erbs.blt");
        Files.writeString(f, "3 1\n4 1 2 0\n3 2 0\n2 3 2 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"Test\"\n"
                + "Validation file: the count's expected result follows\n");
        assertEquals(0, run(f.toString(), "--method", "av"));
        assertTrue(out.toString().contains("Elected: B"), out.toString());
        assertEquals("warning: " + f + ": line 10: ignored after the title: "
                + "Validation file: the count's expected result follows", err.toString().strip());
    }

    @Test
    void aMalformedFileIsOneLineNamingTheLine() throws Exception {
        Path f = dir.resolve("bad.blt");
        Files.writeString(f, "3 1\n4 1 2 0\n3 9 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n");
        assertEquals(2, run(f.toString(), "--method", "av"));
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("error: ") && message.contains("line 3"), message);
    }

    @Test
    void aJsonFileIsKnownByItsBraceAndAMalformedOneIsOneLine() throws Exception {
        Path f = dir.resolve("ballots.txt");
        Files.writeString(f, "\n  {\"candidates\": [\"A\", \"B\"],\n \"ballots\": [{\"count\": 2, \"ranks\": [[\"B\"]]}]}\n");
        assertEquals(0, run(f.toString(), "--method", "av"));
        assertTrue(out.toString().contains("Elected: B"), out.toString());
        Files.writeString(f, "{\"candidates\": [\"A\", \"B\"],\n \"ballots\": [{\"count\": 2, \"count\": 3}]}\n");
        assertEquals(2, run(f.toString(), "--method", "av"));
        assertEquals("error: " + f + ": line 2: Duplicate field 'count'", err.toString().strip());
    }

    @Test
    void countsMeekWithAConfigurableOmega() throws Exception {
        Path f = dir.resolve("vegetables.blt");
        Files.writeString(f, """
                9 4
                [nick apple banana cherry date eggplant fig grape hazelnut jalapeno]
                [withdrawn banana fig]
                1 apple banana 0
                2 banana cherry 0
                3 cherry date 0
                4 date eggplant 0
                5 eggplant fig 0
                6 fig grape 0
                7 grape hazelnut 0
                8 hazelnut jalapeno 0
                9 jalapeno apple 0
                0
                "Apple"
                "Banana"
                "Cherry"
                "Date"
                "Eggplant"
                "Fig"
                "Grape"
                "Hazelnut"
                "Jalapeno"
                "Vegetable contest"
                """);
        assertEquals(0, run(f.toString(), "--method", "stv-meek", "--omega", "9", "--format", "json"));
        String json = out.toString();
        assertTrue(json.contains("\"elected\": [\"Grape\", \"Hazelnut\", \"Jalapeno\", \"Eggplant\"]"), json);
        assertTrue(json.contains("omega: 10^-9"), json);
        assertEquals(2, run(f.toString(), "--method", "stv-meek", "--omega", "12"));
    }

    @Test
    void countsErs97() throws Exception {
        Path f = dir.resolve("ers.blt");
        Files.writeString(f, "4 2\n50 1 2 0\n10 2 0\n25 3 0\n15 4 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"D\"\n\"T\"\n");
        assertEquals(0, run(f.toString(), "--method", "stv-ers97"));
        String text = out.toString();
        assertTrue(text.contains("transfer value 0.33"), text);
        assertTrue(text.contains("Elected: A, C"), text);
    }
}
