package org.selectorate.cli.demo;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bench refuses a bad combination of flags before it looks for a platform: one line, exit 2. */
class BenchCommandTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        });
        String[] withHome = java.util.Arrays.copyOf(args, args.length + 2);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = "/nonexistent/selectorate-home";
        return cli.execute(withHome);
    }

    private String message() {
        String m = err.toString().strip();
        assertEquals(1, m.lines().count(), m);
        return m;
    }

    @Test
    void aNationalBallotIsOneSelection() {
        assertEquals(2, run("--national", "--selections", "650"));
        assertEquals("error: --national is one ballot: leave out --selections or give 1", message());
    }

    @Test
    void turnoutIsAShareOfTheMembers() {
        assertEquals(2, run("--turnout", "1.5"));
        assertEquals("error: --turnout must be above 0 and at most 1, not 1.5", message());
        err.getBuffer().setLength(0);
        assertEquals(2, run("--turnout", "0"));
        assertEquals("error: --turnout must be above 0 and at most 1, not 0.0", message());
    }

    @Test
    void oneArrivalCurveAtATime() {
        assertEquals(2, run("--rate", "100", "--peak", "400"));
        assertEquals("error: --rate (sustained) and --peak (falling off) are two arrival curves: give one", message());
    }

    @Test
    void aRateMustBePositive() {
        assertEquals(2, run("--national", "--members", "1000", "--peak", "0"));
        assertEquals("error: --rate and --peak are voters a second and must be positive", message());
    }

    @Test
    void countsMustBePositive() {
        assertEquals(2, run("--selections", "0"));
        assertEquals("error: --selections, --members, --threads and --lag-every must be positive", message());
    }

    @Test
    void aNegativeHoldIsRefused() {
        assertEquals(2, run("--hold", "PT-1S"));
        assertEquals("error: --hold cannot be negative", message());
    }

    @Test
    void theBenchHasAnUpperBound() {
        assertEquals(2, run("--selections", "650", "--members", "4000"));
        assertEquals("error: --selections x --members is 2600000 members; the bench stops at 2,000,000", message());
    }
}
