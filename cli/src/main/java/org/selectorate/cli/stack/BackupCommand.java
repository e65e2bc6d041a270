package org.selectorate.cli.stack;

import org.selectorate.devstack.Backup;
import org.selectorate.devstack.Devstack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "backup", description = "Dumps every service database of the running platform (services stopped for "
        + "the dump, then started again) into a new folder, and the key files a restore needs into another.")
public final class BackupCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "A new folder for the database dumps.")
    Path to;

    @Option(names = "--keys-to", required = true, paramLabel = "DIR", description = "A new folder, away from --to, for "
            + "the key files (the dumps hold keys and access codes sealed with them: never keep the two together).")
    Path keysTo;

    @Override
    public Integer call() throws Exception {
        Backup.Summary summary = new Backup(Devstack.existing(options.root(), options.home(), System.out), System.out)
                .backup(to, keysTo);
        System.out.printf("backed up %,d rows in %.1f s: data in %s, keys in %s%n",
                summary.rows().values().stream().mapToLong(Long::longValue).sum(), summary.took().toMillis() / 1e3,
                to, keysTo);
        return 0;
    }
}
