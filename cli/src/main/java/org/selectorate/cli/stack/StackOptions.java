package org.selectorate.cli.stack;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the checkout and the platform's data live; shared by the commands that manage the platform. */
public final class StackOptions {
    @Option(names = "--home", paramLabel = "DIR", description = "Data and logs of the platform (default: ${DEFAULT-VALUE}).",
            defaultValue = ".selectorate")
    Path home;

    public Path root() {
        return Path.of(System.getProperty("selectorate.root", ".")).toAbsolutePath().normalize();
    }

    public Path home() {
        return home.isAbsolute() ? home : root().resolve(home);
    }
}
