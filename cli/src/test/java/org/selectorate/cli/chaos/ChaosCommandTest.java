package org.selectorate.cli.chaos;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** chaos refuses bad flags before it looks for a platform (one line, exit 2); which answers a voter retries. */
class ChaosCommandTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ChaosCommand());
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
    void countsMustBePositive() {
        assertEquals(2, run("--selections", "0"));
        assertEquals("error: --selections, --members and --threads must be positive, --faults not negative", message());
    }

    @Test
    void turnoutIsAShare() {
        assertEquals(2, run("--turnout", "2"));
        assertEquals("error: --turnout must be above 0 and at most 1, not 2.0", message());
    }

    @Test
    void anOutageIsAtLeastTwoSeconds() {
        assertEquals(2, run("--max-outage", "PT1S"));
        assertEquals("error: --max-gap must be at least PT0.5S and --max-outage at least PT2S", message());
    }

    @Test
    void noPlatformIsOneLine() {
        assertEquals(2, run("--seed", "7"));
        assertTrue(message().startsWith("error: "));
    }

    @Test
    void aVoterRetriesWhatAFaultExplainsOnly() {
        for (int status : new int[] {500, 502, 503, 504, 404, 408, 429}) {
            assertTrue(RetryingVoter.retryable(status), Integer.toString(status));
        }
        for (int status : new int[] {400, 403, 409, 422}) {
            assertFalse(RetryingVoter.retryable(status), Integer.toString(status));
        }
    }
}
