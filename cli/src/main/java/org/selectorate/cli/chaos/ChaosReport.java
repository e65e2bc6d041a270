package org.selectorate.cli.chaos;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a chaos run did and found: faults by kind with their recovery times, the votes, and every violation. */
public final class ChaosReport {
    private final ChaosRun.Plan plan;
    private final String postgresFsync;
    final List<Faults.Injected> faults = new ArrayList<>();
    final List<String> restartedAfterVoting = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<RetryingVoter.Outcome, Long> outcomes = new EnumMap<>(RetryingVoter.Outcome.class);
    private final Map<String, Long> landedHow = new TreeMap<>();
    long electorate;
    long marked;
    long recorded;
    long notices;
    long codesMailed;
    long alertRepeats;
    long credentialRetries;
    long castRetries;
    double votingSeconds;

    ChaosReport(ChaosRun.Plan plan, String postgresFsync) {
        this.plan = plan;
        this.postgresFsync = postgresFsync;
    }

    synchronized void violation(String what) {
        violations.add(what);
    }

    synchronized void voter(RetryingVoter.Result r) {
        outcomes.merge(r.outcome(), 1L, Long::sum);
        if (r.outcome() == RetryingVoter.Outcome.LANDED) {
            landedHow.merge(r.how(), 1L, Long::sum);
        }
        credentialRetries += Math.max(0, r.credentialRetries());
        castRetries += Math.max(0, r.castRetries());
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public int faultCount() {
        return faults.size();
    }

    /** Faults injected per kind. */
    public Map<String, Long> faultsByKind() {
        Map<String, Long> n = new LinkedHashMap<>();
        faults.forEach(f -> n.merge(f.kind().label, 1L, Long::sum));
        return n;
    }

    public long landed() {
        return outcomes.getOrDefault(RetryingVoter.Outcome.LANDED, 0L);
    }

    public long voters() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    public void print(PrintStream out) {
        out.printf("%nchaos: %d selection(s) of %d members, seed %d, %d faults; PostgreSQL fsync %s%n", plan.selections(),
                plan.members(), plan.seed(), faults.size(), postgresFsync);
        out.println("fault                               n   recovery p50 s   max s");
        Map<Faults.Kind, List<Long>> byKind = new EnumMap<>(Faults.Kind.class);
        faults.forEach(f -> byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f.recoveryMillis()));
        byKind.forEach((kind, times) -> {
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            out.printf("  %-32s %3d %16.1f %7.1f%n", kind.label, sorted.length, percentile(sorted, 0.5) / 1000.0,
                    sorted[sorted.length - 1] / 1000.0);
        });
        Map<String, Long> killed = new TreeMap<>();
        faults.stream().filter(f -> f.kind() == Faults.Kind.KILL).forEach(f -> killed.merge(f.target(), 1L, Long::sum));
        if (!killed.isEmpty()) {
            out.println("  killed: " + killed);
        }
        List<String> watchdog = new ArrayList<>();
        faults.forEach(f -> watchdog.addAll(f.restartedUnhealthy()));
        watchdog.addAll(restartedAfterVoting);
        out.println("  restarted as unhealthy (a liveness probe's work): " + (watchdog.isEmpty() ? "none" : watchdog));
        out.printf("votes: %d voters in %.1f s, %d landed %s; %d credential and %d cast retries%n", voters(), votingSeconds,
                landed(), landedHow, credentialRetries, castRetries);
        outcomes.forEach((o, n) -> {
            if (o != RetryingVoter.Outcome.LANDED) {
                out.printf("  %s: %d%n", o.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), n);
            }
        });
        out.printf("records: %d online entries; marked register %d of an electorate of %d; %d access codes mailed; "
                + "%d committee notices; %d repeated issuance alerts%n", recorded, marked, electorate, codesMailed, notices,
                alertRepeats);
        if (violations.isEmpty()) {
            out.println("violations: none");
        } else {
            out.println("violations: " + violations.size());
            violations.forEach(v -> out.println("  VIOLATION " + v));
        }
    }

    static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    @Override
    public String toString() {
        return "faults " + faultsByKind() + ", voters " + voters() + ", landed " + landed() + ", violations "
                + Arrays.toString(violations.toArray());
    }
}
