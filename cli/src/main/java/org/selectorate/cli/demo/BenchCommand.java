package org.selectorate.cli.demo;

import org.selectorate.cli.stack.StackOptions;
import org.selectorate.devstack.Devstack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

/**
 * The platform measured at size: many constituencies' final ballots at once, or one national ballot. A benchmark,
 * not a test: it prints each phase's time, the mail-out rate, the voting rate against the arrivals asked for, each
 * process's peak memory and CPU per vote, the databases' sizes and the close-to-published delays.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs many selections' final ballots at once (or one national ballot) phase by phase and reports "
                + "each phase's time, mail-out and voting rates, close-to-published delays, each process's peak memory "
                + "and CPU per vote, and the databases' sizes.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--national", description = "One ballot of --members members (one constituency holding the whole "
            + "membership: the platform has no national area), as a national one-member-one-vote ballot.")
    boolean national;

    @Option(names = "--selections", description = "Selections open at once (default: 40; 1 with --national).")
    Integer selections;

    @Option(names = "--members", defaultValue = "2000", description = "Members on each selection's roll (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--turnout", defaultValue = "0.75", description = "Share of the members who vote (default: ${DEFAULT-VALUE}).")
    double turnout;

    @Option(names = "--threads", defaultValue = "120", description = "Client threads voting at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--rate", description = "Voters arrive at this sustained rate a second (default: as fast as the "
            + "threads go).")
    Double rate;

    @Option(names = "--peak", description = "Voters arrive at this rate a second at first, falling off exponentially "
            + "(most in the first hours after the codes go out), compressed so the turnout arrives within three time "
            + "constants.")
    Double peak;

    @Option(names = "--committees", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Appoint a committee of seven to each selection, so opening waits at the notice gate (default: ${DEFAULT-VALUE}).")
    boolean committees;

    @Option(names = "--lag-every", defaultValue = "50", description = "Every Nth voter (at most 200 in all) polls the "
            + "public record once a second until their entry appears, to measure cast-to-recorded lag (default: ${DEFAULT-VALUE}).")
    int lagEvery;

    @Option(names = "--hold", defaultValue = "PT0S", description = "Each voter holds their credential for a random "
            + "time up to this (ISO-8601 duration) before casting (default: ${DEFAULT-VALUE}: a load test casts at once; "
            + "the reference client holds, see demo --hold).")
    Duration hold;

    @Option(names = "--profile", description = "Record the voting phase with JFR in the gateway, each service and the "
            + "bench client; the files go under the home's bench folder.")
    boolean profile;

    @Option(names = "--json", description = "Print the report as JSON on standard output (progress goes to standard error).")
    boolean json;

    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws Exception {
        int count = selectionCount();
        validate(count);
        PrintStream log = json ? System.err : System.out;
        Devstack devstack = Platform.ensureRunning(options.root(), options.home(), log);
        Path profileDir = profile ? options.home().resolve("bench").resolve("jfr-"
                + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))) : null;
        ArrivalCurve arrivals = rate != null ? ArrivalCurve.sustained(rate)
                : peak != null ? ArrivalCurve.decaying(peak, Math.round(members * turnout) * (long) count)
                : ArrivalCurve.asFastAsPossible();
        BenchRun.Plan plan = new BenchRun.Plan(national ? "national" : "selections", count, members, turnout, threads,
                lagEvery, new Voter.Hold(hold), arrivals, rate != null ? rate : peak != null ? peak : 0, committees,
                profileDir);
        BenchReport report = new BenchRun(Platform.api(devstack), new Mailbox(devstack.stack().mailApiUrl()),
                new PlatformProbe(devstack), plan, log).run();
        if (json) {
            System.out.println(Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report.json()));
        } else {
            report.print(System.out);
            if (profile) {
                System.out.println("Read a recording with: jfr summary FILE; jfr print --events jdk.ExecutionSample FILE;"
                        + " or jfr view hot-methods FILE (JDK 21+).");
            }
        }
        return report.checks.values().stream().allMatch(ok -> ok) ? 0 : 1;
    }

    int selectionCount() {
        return selections != null ? selections : national ? 1 : 40;
    }

    /** Refuses a bad combination before the platform is touched, in one line. */
    void validate(int count) {
        if (national && count != 1) {
            throw new IllegalArgumentException("--national is one ballot: leave out --selections or give 1");
        }
        if (count < 1 || members < 1 || threads < 1 || lagEvery < 1) {
            throw new IllegalArgumentException("--selections, --members, --threads and --lag-every must be positive");
        }
        if (!(turnout > 0 && turnout <= 1)) {
            throw new IllegalArgumentException("--turnout must be above 0 and at most 1, not " + turnout);
        }
        if (hold.isNegative()) {
            throw new IllegalArgumentException("--hold cannot be negative");
        }
        if (rate != null && peak != null) {
            throw new IllegalArgumentException("--rate (sustained) and --peak (falling off) are two arrival curves: give one");
        }
        if ((rate != null && !(rate > 0)) || (peak != null && !(peak > 0))) {
            throw new IllegalArgumentException("--rate and --peak are voters a second and must be positive");
        }
        if ((long) count * members > 2_000_000) {
            throw new IllegalArgumentException("--selections x --members is " + (long) count * members
                    + " members; the bench stops at 2,000,000");
        }
    }
}
