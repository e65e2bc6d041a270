package org.selectorate.cli.demo;

import org.selectorate.devstack.Devstack;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.cli.stack.StackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many selections' final ballots at once on the running platform, measured end to end. A benchmark, not
 * a test: it prints figures.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs many selections' final ballots at once and prints throughput, latencies, count and "
                + "verify times and each process's peak memory.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--selections", defaultValue = "40")
    int selections;

    @Option(names = "--members", defaultValue = "2000", description = "Members per selection.")
    int members;

    @Option(names = "--turnout", defaultValue = "0.75")
    double turnout;

    @Option(names = "--threads", defaultValue = "120", description = "Voters voting at once across all selections.")
    int threads;

    @Option(names = "--lag-every", defaultValue = "50", description = "Every Nth voter polls the public record until "
            + "their entry appears, to measure cast-to-recorded lag. Each poll is a request to the platform under test: "
            + "at every 20th voter they were as many requests as the casts themselves.")
    int lagEvery;

    @Option(names = "--hold", defaultValue = "PT0S", description = "Each voter holds their credential for a random "
            + "time up to this (ISO-8601 duration) before casting (default: ${DEFAULT-VALUE}: a load test casts at once; "
            + "the reference client holds, see demo --hold).")
    Duration hold;

    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws Exception {
        if (selections < 1 || members < 1 || turnout <= 0 || turnout > 1 || lagEvery < 1) {
            throw new IllegalArgumentException("--selections, --members and --lag-every must be positive and --turnout in (0, 1]");
        }
        Devstack devstack = Platform.ensureRunning(options.root(), options.home(), System.out);
        Api api = Platform.api(devstack);
        Mailbox mailbox = new Mailbox(devstack.stack().mailApiUrl());
        DemoSelection demo = new DemoSelection(api, mailbox, api.token("hq", "hq-demo"), m -> { });
        String run = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("MMddHHmmss"));
        List<String> candidates = List.of("Alex Rivera", "Bilal Chaudhry", "Catherine Osei", "Dana Whitfield");
        int voters = (int) Math.round(members * turnout);

        demo.region("BENCH");
        ExecutorService setup = Executors.newFixedThreadPool(4);
        List<Future<DemoSelection.Opened>> opening = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < selections; i++) {
            int n = i;
            opening.add(setup.submit(() -> demo.open("BENCH", "B" + run + "-" + n, members, candidates, 1000L + n, List.of())));
        }
        List<DemoSelection.Opened> opened = new ArrayList<>();
        for (Future<DemoSelection.Opened> f : opening) {
            opened.add(f.get());
        }
        setup.shutdown();
        System.out.printf("set up %d selections (areas, %d-member rolls, freeze, open) in %.1f s%n",
                selections, members, (System.nanoTime() - t0) / 1e9);

        // Counted in the SMTP server: every elector of every ballot gets exactly one access code.
        MailOutWatch codes = new MailOutWatch(mailbox, "Your access code: Selection of the parliamentary candidate for B" + run,
                (long) selections * opened.get(0).electorate(), t0);
        codes.start();

        long t1 = System.nanoTime();
        ExecutorService voting = Executors.newFixedThreadPool(selections);
        List<Future<DemoSelection.Voting>> casting = new ArrayList<>();
        int perSelectionThreads = Math.max(1, threads / selections);
        for (int i = 0; i < selections; i++) {
            DemoSelection.Opened o = opened.get(i);
            long seed = 7000L + i;
            casting.add(voting.submit(() -> demo.vote(o, voters, perSelectionThreads, seed, lagEvery, new Voter.Hold(hold))));
        }
        List<Long> issue = new ArrayList<>();
        List<Long> cast = new ArrayList<>();
        List<Future<Long>> lagged = new ArrayList<>();
        int total = 0;
        for (Future<DemoSelection.Voting> f : casting) {
            DemoSelection.Voting done = f.get();
            for (DemoSelection.CastVote v : done.votes()) {
                issue.add(v.issueMillis());
                cast.add(v.castMillis());
            }
            lagged.addAll(done.lags());
            total += done.votes().size();
        }
        double voteSeconds = (System.nanoTime() - t1) / 1e9;
        System.out.printf("%d votes (code -> credential -> cast) in %.1f s: %.0f voters/s%n", total, voteSeconds, total / voteSeconds);
        System.out.println("issuance latency ms: " + percentiles(issue));
        System.out.println("casting latency ms:  " + percentiles(cast));
        // The record appends casts in mixed batches (tally-service's mix.min-batch): all but the last batch of each
        // ballot are on the record while it is open; the close appends the rest.
        long recordedOpen = 0;
        for (DemoSelection.Opened o : opened) {
            recordedOpen += demo.recorded(o.ballotId());
        }
        System.out.printf("%d of %d votes on the public record before the close (the rest wait for their mixed batch)%n",
                recordedOpen, total);

        // The selections close together, as a national timetable closes them.
        long t3 = System.nanoTime();
        String scrutineer = api.token("scrutineer", "scrutineer-demo");
        List<Future<Long>> closing = new ArrayList<>();
        for (DemoSelection.Opened o : opened) {
            closing.add(voting.submit(() -> {
                long c = System.nanoTime();
                demo.closeAndCount(o, scrutineer);
                return (System.nanoTime() - c) / 1_000_000;
            }));
        }
        List<Long> countMillis = new ArrayList<>();
        for (Future<Long> f : closing) {
            countMillis.add(f.get());
        }
        voting.shutdown();
        System.out.printf("%d ballots closed at once, all counted and published in %.1f s; close-to-result ms: %s%n",
                selections, (System.nanoTime() - t3) / 1e9, percentiles(countMillis));
        List<Long> lag = new ArrayList<>();
        for (Future<Long> f : lagged) {
            lag.add(f.get());
        }
        demo.close();
        System.out.println("cast-to-recorded lag ms (every " + lagEvery + "th voter, mixing and close included): "
                + percentiles(lag));
        System.out.printf("code -> recorded: %d votes in %.1f s from the first issue to the last entry%n", total,
                (System.nanoTime() - t1) / 1e9);
        long recorded = 0;
        long verifyNanos = 0;
        boolean allVerified = true;
        for (DemoSelection.Opened o : opened) {
            RecordDocument record = RecordCodec.read(demo.record(o.ballotId(), "json"));
            recorded += record.entries().size();
            long v = System.nanoTime();
            allVerified &= RecordVerifier.verify(record).passed();
            verifyNanos += System.nanoTime() - v;
        }
        System.out.printf("verification of %d records (%d entries): %.1f s in all, %s%n", selections, recorded,
                verifyNanos / 1e9, allVerified ? "all PASS" : "SOME FAILED");
        System.out.printf("end to end: %.1f s for %d votes%n", (System.nanoTime() - t0) / 1e9, total);
        boolean mailComplete = codes.report(System.out);
        Mailbox.MailOut issued = mailbox.mailOut("A ballot was issued in your name: Selection of the parliamentary candidate for B" + run);
        System.out.printf("\"issued in your name\" mail: %d for %d votes, %d recipients with more than one%n",
                issued.messages(), total, issued.recipientsWithSeveral());
        System.out.println("peak RSS per process (MiB):");
        for (Devstack.Status s : devstack.status()) {
            System.out.printf("  %-22s %s%n", s.name(), s.pid() == null ? "-" : Long.toString(PeakMemory.ofTree(s.pid()) / 1024));
        }
        return allVerified && recorded == total && mailComplete ? 0 : 1;
    }

    /** Follows a mail-out in the SMTP server until every expected message has arrived. */
    static final class MailOutWatch {
        private final Mailbox mailbox;
        private final String subject;
        private final long expected;
        private final long since;
        private volatile long completedAt = -1;
        private final Thread thread;

        MailOutWatch(Mailbox mailbox, String subject, long expected, long since) {
            this.mailbox = mailbox;
            this.subject = subject;
            this.expected = expected;
            this.since = since;
            this.thread = new Thread(this::watch, "mail-out-watch");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void watch() {
            while (mailbox.mailOut(subject).messages() < expected) {
                Api.sleep(1000);
            }
            completedAt = System.nanoTime();
        }

        /** Prints what arrived; true when every elector got exactly one message. */
        boolean report(java.io.PrintStream out) {
            Mailbox.MailOut m = mailbox.mailOut(subject);
            long lost = expected - (m.recipients());
            out.printf("access-code mail, counted in the SMTP server: %d expected, %d delivered to %d electors; "
                            + "lost %d, doubled %d (same message id twice: %d)%n",
                    expected, m.messages(), m.recipients(), lost, m.recipientsWithSeveral(), m.duplicateMessageIds());
            if (completedAt > 0) {
                double seconds = (completedAt - since) / 1e9;
                out.printf("access-code mail-out complete %.1f s after set-up began: %.0f messages/s%n", seconds, expected / seconds);
            }
            return lost == 0 && m.recipientsWithSeveral() == 0 && m.messages() == expected;
        }
    }

    static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "(none)";
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return "p50 " + at(sorted, 0.50) + ", p95 " + at(sorted, 0.95) + ", p99 " + at(sorted, 0.99) + ", max " + sorted.get(sorted.size() - 1);
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    /** Peak resident memory (VmHWM) of a process and its descendants, in KiB. */
    static final class PeakMemory {
        private PeakMemory() {
        }

        static long ofTree(long pid) {
            return ProcessHandle.of(pid).map(p -> {
                long sum = of(p.pid());
                for (ProcessHandle d : p.descendants().toList()) {
                    sum += of(d.pid());
                }
                return sum;
            }).orElse(0L);
        }

        private static long of(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (Exception e) {
                return 0;
            }
            return 0;
        }
    }
}
