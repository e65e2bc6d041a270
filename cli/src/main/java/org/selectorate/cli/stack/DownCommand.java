package org.selectorate.cli.stack;

import org.selectorate.devstack.Devstack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "down", description = "Stops every process ./selectorate up started, by PID.")
public final class DownCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws Exception {
        List<String> stopped = Devstack.existing(options.root(), options.home(), System.out).down();
        System.out.println(stopped.isEmpty() ? "Nothing was running." : "Stopped " + String.join(", ", stopped) + ".");
        return 0;
    }
}
