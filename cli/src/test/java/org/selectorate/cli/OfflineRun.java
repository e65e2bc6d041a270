package org.selectorate.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A command run as {@link Main} runs it (an error is one line, exit 2) against a home with no platform, so a test
 * sees what it refuses before it would look for one.
 */
public final class OfflineRun {
    private final StringWriter err = new StringWriter();
    private final Object command;

    public OfflineRun(Object command) {
        this.command = command;
    }

    public int run(String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        });
        String[] withHome = Arrays.copyOf(args, args.length + 2);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = "/nonexistent/selectorate-home";
        return cli.execute(withHome);
    }

    /** Forgets what was printed, for the next run. */
    public void clear() {
        err.getBuffer().setLength(0);
    }

    /** What it printed on standard error, which must be one line. */
    public String message() {
        String m = err.toString().strip();
        assertEquals(1, m.lines().count(), m);
        return m;
    }
}
