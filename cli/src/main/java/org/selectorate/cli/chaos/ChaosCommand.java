package org.selectorate.cli.chaos;

import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.Mailbox;
import org.selectorate.cli.stack.StackOptions;
import org.selectorate.devstack.Devstack;
import org.selectorate.devstack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Fault injection under load: voters vote while service instances are killed, Kafka and PostgreSQL restarted and
 * the mail server hung, then the invariants are checked from the outside. Exit 1 on any violation.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Votes in many selections while faults hit the platform (kill -9 of any service instance, the "
                + "gateway included; Kafka and PostgreSQL restarts; a hung SMTP server), then checks that no vote, "
                + "access code or notice was lost or doubled. Prints faults by kind with recovery times and every "
                + "violation; exit 1 if there is one.")
public final class ChaosCommand implements Callable<Integer> {
    @Option(names = "--selections", defaultValue = "10", description = "Selections voting at once (default: ${DEFAULT-VALUE}).")
    int selections;

    @Option(names = "--members", defaultValue = "1000", description = "Members on each roll (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--faults", defaultValue = "30", description = "Faults injected while voting (default: ${DEFAULT-VALUE}).")
    int faults;

    @Option(names = "--seed", defaultValue = "1", description = "Draws the faults, their targets and moments, and the "
            + "votes (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--turnout", defaultValue = "0.75", description = "Share of the members who vote (default: ${DEFAULT-VALUE}).")
    double turnout;

    @Option(names = "--threads", defaultValue = "24", description = "Voters at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-gap", defaultValue = "PT4S", description = "Longest wait before each fault, while voters are "
            + "in flight (default: ${DEFAULT-VALUE}).")
    Duration maxGap;

    @Option(names = "--max-outage", defaultValue = "PT20S", description = "Longest hang of the SMTP server "
            + "(default: ${DEFAULT-VALUE}).")
    Duration maxOutage;

    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws Exception {
        validate();
        Devstack devstack = Devstack.existing(options.root(), options.home(), System.out);
        if (!devstack.status().stream().allMatch(Devstack.Status::healthy)) {
            throw new IllegalStateException("the platform under " + options.home() + " is not (fully) running: "
                    + "start it with ./selectorate up first");
        }
        ChaosReport report = run(devstack, new ChaosRun.Plan(selections, members, faults, seed, turnout, threads,
                maxGap, maxOutage, Duration.ofMinutes(5)));
        report.print(System.out);
        return report.violations().isEmpty() ? 0 : 1;
    }

    /** A chaos run against a running platform: what the command and the end-to-end test both do. */
    public static ChaosReport run(Devstack devstack, ChaosRun.Plan plan) throws Exception {
        Stack stack = devstack.stack();
        Api api = new Api(stack.gatewayUrl(), stack.issuer(), stack.clientSecret(Stack.SERVICES_CLIENT));
        return new ChaosRun(devstack, api, new Mailbox(stack.mailApiUrl()), plan, System.out).run();
    }

    void validate() {
        if (selections < 1 || members < 1 || faults < 0 || threads < 1) {
            throw new IllegalArgumentException("--selections, --members and --threads must be positive, --faults not negative");
        }
        if (!(turnout > 0 && turnout <= 1)) {
            throw new IllegalArgumentException("--turnout must be above 0 and at most 1, not " + turnout);
        }
        if (maxGap.toMillis() < 500 || maxOutage.toMillis() < 2000) {
            throw new IllegalArgumentException("--max-gap must be at least PT0.5S and --max-outage at least PT2S");
        }
        if ((long) selections * members > 200_000) {
            throw new IllegalArgumentException("--selections x --members is " + (long) selections * members
                    + "; chaos stops at 200,000 members (use bench for size)");
        }
    }
}
