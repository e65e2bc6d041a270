package org.selectorate.cli.stack;

import org.selectorate.devstack.Backup;
import org.selectorate.devstack.Ports;
import org.selectorate.devstack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "restore", description = "Starts a new platform under an empty --home from a backup: its key files, "
        + "then every service database as it was.")
public final class RestoreCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The folder backup wrote the dumps to.")
    Path from;

    @Option(names = "--keys-from", required = true, paramLabel = "DIR", description = "The folder backup wrote the "
            + "key files to.")
    Path keysFrom;

    @Option(names = "--port", paramLabel = "NAME=PORT", description = "Override a port, as for up (repeatable).")
    Map<String, Integer> ports = Map.of();

    @Override
    public Integer call() throws Exception {
        Stack stack = Stack.at(options.root(), options.home(), Ports.defaultsWith(ports));
        Backup.Summary summary = Backup.restore(stack, from, keysFrom, System.out);
        System.out.printf("restored %,d rows in %.1f s; the platform is up under %s (gateway %s)%n",
                summary.rows().values().stream().mapToLong(Long::longValue).sum(), summary.took().toMillis() / 1e3,
                options.home(), stack.gatewayUrl());
        return 0;
    }
}
