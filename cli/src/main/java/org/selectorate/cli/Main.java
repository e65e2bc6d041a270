package org.selectorate.cli;

import picocli.CommandLine;

/** Entry point of {@code ./selectorate}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new SelectorateCommand());
        // A bad argument is a one-line message and a non-zero exit, never a stack trace.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        });
        return cli.execute(args);
    }
}
