package org.selectorate.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a bench run measured, printed as a table or as JSON. Figures only: no member, code or vote is in it. */
final class BenchReport {
    final String mode;
    final int selections;
    final int membersPerSelection;
    final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
    final Map<String, String> phaseNotes = new LinkedHashMap<>();
    final Map<String, Process> processes = new LinkedHashMap<>();
    final Map<String, Double> databaseMib = new LinkedHashMap<>();
    /** Resident memory (MiB) of each process when so many selections were open. */
    final Map<Integer, Map<String, Double>> rssByOpenSelections = new TreeMap<>();
    final Samples issuance = new Samples();
    final Samples casting = new Samples();
    final Samples lateness = new Samples();
    final Samples recordedLag = new Samples();
    final Samples closeToPublished = new Samples();
    /** Each process's CPU time from the common close until every result was public: what the close competes for. */
    final Map<String, Long> closeCpuMillis = new LinkedHashMap<>();
    final List<String> profiles = new ArrayList<>();
    final Map<String, Boolean> checks = new LinkedHashMap<>();
    long electorate;
    long votes;
    long codesMailed;
    double targetRate;
    /** PostgreSQL's {@code fsync} as the server reported it: {@code on} durable, {@code off} a throw-away run. */
    String postgresFsync = "unknown";

    BenchReport(String mode, int selections, int membersPerSelection) {
        this.mode = mode;
        this.selections = selections;
        this.membersPerSelection = membersPerSelection;
    }

    /** A process's peak memory and its CPU time over the voting phase. */
    record Process(double peakMib, long votingCpuMillis) {
    }

    void phase(String name, double seconds, String note) {
        phaseSeconds.put(name, seconds);
        if (note != null) {
            phaseNotes.put(name, note);
        }
    }

    double seconds(String phase) {
        return phaseSeconds.getOrDefault(phase, Double.NaN);
    }

    double mailOutRate() {
        return rate(codesMailed, seconds("mail-out"));
    }

    double votingRate() {
        return rate(votes, seconds("voting"));
    }

    /** CPU milliseconds one vote cost a process over the voting phase. */
    static double cpuMillisPerVote(long cpuMillis, long votes) {
        return votes == 0 ? Double.NaN : (double) cpuMillis / votes;
    }

    static double rate(long count, double seconds) {
        return seconds > 0 ? count / seconds : Double.NaN;
    }

    /**
     * The nearest-rank percentile {@code q} (0 to 1] of ascending {@code sorted}: the smallest value with at least
     * q of the values at or below it.
     */
    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1))];
    }

    /** Per-selection memory: the growth of a process's resident memory per extra open selection, in KiB. */
    static double growthKibPerSelection(int fewer, double fewerMib, int more, double moreMib) {
        return more == fewer ? Double.NaN : (moreMib - fewerMib) * 1024 / (more - fewer);
    }

    /** Millisecond figures, kept as primitives: a national bench has hundreds of thousands. */
    static final class Samples {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        synchronized long[] sorted() {
            long[] s = Arrays.copyOf(values, size);
            Arrays.sort(s);
            return s;
        }

        String summary() {
            long[] s = sorted();
            return s.length == 0 ? "(none)" : "p50 " + percentile(s, 0.5) + ", p95 " + percentile(s, 0.95) + ", p99 "
                    + percentile(s, 0.99) + ", max " + s[s.length - 1] + " (n=" + s.length + ")";
        }

        ObjectNode json() {
            ObjectNode o = Api.JSON.createObjectNode();
            long[] s = sorted();
            o.put("n", s.length);
            if (s.length > 0) {
                o.put("p50", percentile(s, 0.5)).put("p95", percentile(s, 0.95)).put("p99", percentile(s, 0.99))
                        .put("max", s[s.length - 1]);
            }
            return o;
        }
    }

    void print(PrintStream out) {
        out.printf("%n%s bench: %d selection(s) of %d members, electorate %d, %d votes%n", mode, selections,
                membersPerSelection, electorate, votes);
        out.println("phase                      seconds");
        phaseSeconds.forEach((name, s) -> out.printf("  %-24s %8.1f  %s%n", name, s, phaseNotes.getOrDefault(name, "")));
        out.printf("mail-out: %d access codes in the SMTP server, %.0f codes/s%n", codesMailed, mailOutRate());
        out.printf("voting: %.1f voters/s achieved%s%n", votingRate(),
                targetRate > 0 ? String.format(" (arrivals asked: %.1f/s at the peak)", targetRate) : " (as fast as the client threads go)");
        out.println("  behind the arrival timetable ms: " + lateness.summary());
        out.println("  issuance latency ms:             " + issuance.summary());
        out.println("  casting latency ms:              " + casting.summary());
        out.println("  cast-to-recorded lag ms:         " + recordedLag.summary());
        out.println("close -> result published ms:      " + closeToPublished.summary());
        if (!closeCpuMillis.isEmpty()) {
            out.println("  CPU s meanwhile: " + closeCpuMillis.entrySet().stream()
                    .map(e -> e.getKey() + " " + String.format("%.1f", e.getValue() / 1000.0))
                    .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        out.println("process                  peak RSS MiB   CPU s voting   CPU ms/vote   (peak: the largest single process of the tree)");
        processes.forEach((name, p) -> out.printf("  %-22s %12.0f %14.1f %13.2f%n", name, p.peakMib(),
                p.votingCpuMillis() / 1000.0, cpuMillisPerVote(p.votingCpuMillis(), votes)));
        out.printf("  %-22s %12s %14.1f %13.2f%n", "all", "", totalCpuMillis() / 1000.0, cpuMillisPerVote(totalCpuMillis(), votes));
        out.println("database size MiB: " + databaseMib.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format("%.1f", e.getValue())).reduce((a, b) -> a + ", " + b).orElse("(unknown)"));
        out.println("PostgreSQL fsync: " + postgresFsync + ("off".equals(postgresFsync)
                ? " (a throw-away platform, up --no-fsync: not durable)" : "on".equals(postgresFsync) ? " (durable)" : ""));
        if (!rssByOpenSelections.isEmpty()) {
            out.println("resident MiB by open selections:");
            rssByOpenSelections.forEach((open, rss) -> out.printf("  %5d open: %s%n", open, rss.entrySet().stream()
                    .map(e -> e.getKey() + " " + String.format("%.0f", e.getValue())).reduce((a, b) -> a + ", " + b).orElse("")));
            growth().forEach((name, kib) -> out.printf("  %-22s %+.0f KiB per extra open selection%n", name, kib));
        }
        profiles.forEach(p -> out.println("JFR recording: " + p));
        checks.forEach((name, ok) -> out.printf("%-4s %s%n", ok ? "ok" : "FAIL", name));
    }

    long totalCpuMillis() {
        return processes.values().stream().mapToLong(Process::votingCpuMillis).sum();
    }

    /** Each process's memory growth per selection between the fewest and the most open selections sampled. */
    Map<String, Double> growth() {
        Map<String, Double> growth = new LinkedHashMap<>();
        if (rssByOpenSelections.size() < 2) {
            return growth;
        }
        TreeMap<Integer, Map<String, Double>> byOpen = new TreeMap<>(rssByOpenSelections);
        Map.Entry<Integer, Map<String, Double>> first = byOpen.firstEntry();
        Map.Entry<Integer, Map<String, Double>> last = byOpen.lastEntry();
        last.getValue().forEach((name, mib) -> growth.put(name, growthKibPerSelection(first.getKey(),
                first.getValue().getOrDefault(name, 0.0), last.getKey(), mib)));
        return growth;
    }

    ObjectNode json() {
        ObjectNode o = Api.JSON.createObjectNode();
        o.put("mode", mode).put("selections", selections).put("membersPerSelection", membersPerSelection)
                .put("electorate", electorate).put("votes", votes).put("codesMailed", codesMailed);
        ObjectNode phases = o.putObject("phaseSeconds");
        phaseSeconds.forEach(phases::put);
        o.put("mailOutPerSecond", mailOutRate()).put("votersPerSecond", votingRate()).put("targetPeakPerSecond", targetRate);
        o.set("behindTimetableMillis", lateness.json());
        o.set("issuanceMillis", issuance.json());
        o.set("castingMillis", casting.json());
        o.set("castToRecordedMillis", recordedLag.json());
        o.set("closeToPublishedMillis", closeToPublished.json());
        ObjectNode closeCpu = o.putObject("closeCpuMillis");
        closeCpuMillis.forEach(closeCpu::put);
        ObjectNode procs = o.putObject("processes");
        processes.forEach((name, p) -> procs.putObject(name).put("peakRssMib", p.peakMib())
                .put("votingCpuMillis", p.votingCpuMillis()).put("cpuMillisPerVote", cpuMillisPerVote(p.votingCpuMillis(), votes)));
        o.put("cpuMillisPerVote", cpuMillisPerVote(totalCpuMillis(), votes));
        ObjectNode dbs = o.putObject("databaseMib");
        databaseMib.forEach(dbs::put);
        o.put("postgresFsync", postgresFsync);
        ObjectNode byOpen = o.putObject("rssMibByOpenSelections");
        rssByOpenSelections.forEach((open, rss) -> {
            ObjectNode at = byOpen.putObject(Integer.toString(open));
            rss.forEach(at::put);
        });
        ObjectNode growth = o.putObject("rssGrowthKibPerSelection");
        growth().forEach(growth::put);
        profiles.forEach(o.putArray("profiles")::add);
        ObjectNode c = o.putObject("checks");
        checks.forEach(c::put);
        return o;
    }
}
