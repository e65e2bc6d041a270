package org.selectorate.cli.demo;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad flags are refused before the platform is touched: one line, a non-zero exit. */
class DemoCommandTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new DemoCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    @Test
    void anUnknownScenarioIsOneLineAndExitTwo() {
        assertEquals(2, run("--scenario", "recall", "--home", "/nonexistent/selectorate-home"));
        assertEquals("error: unknown --scenario 'recall': final or reselection", err.toString().strip());
    }

    @Test
    void aReselectionNeedsMembersForEightBranches() {
        assertEquals(2, run("--scenario", "reselection", "--members", "20", "--voters", "10"));
        String message = err.toString().strip();
        assertTrue(message.startsWith("error: --members must be at least 80"), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void moreVotersThanMembersIsRefused() {
        assertEquals(2, run("--members", "100", "--voters", "200", "--postal", "0", "--in-person", "0"));
        assertEquals("error: --voters, --postal and --in-person (200) cannot exceed --members (100)", err.toString().strip());
    }

    @Test
    void onlineAndPaperVotersTogetherMayNotExceedTheMembers() {
        assertEquals(2, run("--members", "100", "--voters", "60", "--postal", "30", "--in-person", "20"));
        assertEquals("error: --voters, --postal and --in-person (110) cannot exceed --members (100)", err.toString().strip());
    }

    @Test
    void aNegativePaperCountIsRefused() {
        assertEquals(2, run("--postal", "-1"));
        assertEquals("error: --postal and --in-person cannot be negative", err.toString().strip());
    }
}
