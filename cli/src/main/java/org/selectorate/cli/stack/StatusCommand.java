package org.selectorate.cli.stack;

import org.selectorate.devstack.Devstack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.concurrent.Callable;

@Command(name = "status", description = "Says what runs and whether it is healthy; exit 0 only if everything is.")
public final class StatusCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws Exception {
        return print(Devstack.existing(options.root(), options.home(), System.out), System.out) ? 0 : 1;
    }

    static boolean print(Devstack devstack, PrintStream out) {
        boolean allHealthy = true;
        out.printf("%-22s %-8s %-10s %s%n", "COMPONENT", "PID", "STATE", "ADDRESS");
        for (Devstack.Status s : devstack.status()) {
            String state = s.pid() == null ? "stopped" : s.healthy() ? "healthy" : "unhealthy";
            allHealthy &= s.healthy();
            out.printf("%-22s %-8s %-10s %s%n", s.name(), s.pid() == null ? "-" : s.pid(), state, s.address());
        }
        return allHealthy;
    }
}
