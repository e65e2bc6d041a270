package org.selectorate.cli.count;

import picocli.CommandLine;

/**
 * {@code ./selectorate count} starts here rather than at {@code org.selectorate.cli.Main}: a count is a short
 * process, and building only this command (not every command's options by reflection) is part of its start-up.
 */
public final class CountMain {
    private CountMain() {
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new CountCommand()).setCommandName("selectorate count");
        // As Main: a bad argument or file is a one-line message and exit 2, never a stack trace.
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        });
        System.exit(cli.execute(args));
    }
}
