package org.selectorate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;
import org.selectorate.verifier.check.CertificationCheck;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One bench run through the gateway, phase by phase, every selection of the run together in each phase: areas,
 * roll import, selections, freeze and commit, opening, the mail-out of the access codes, voting, the common close
 * to the published results, export and verification. Each phase's wall time and what the processes spent goes
 * into the {@link BenchReport}.
 */
final class BenchRun {
    private static final Duration EVENTUAL = Duration.ofMinutes(5);
    private static final Set<Integer> NOT_YET = Set.of(404, 409);
    private static final Duration MAIL = Duration.ofMinutes(30);
    /** Cast-to-recorded lag is sampled on at most this many voters: each sample polls the platform under test. */
    private static final int MAX_LAG_SAMPLES = 200;
    /** Ballots opening at once: each waits at its notice gate, so far more than the set-up's four. */
    private static final int OPENINGS = 32;
    private static final List<String> CANDIDATES = List.of("Alex Rivera", "Bilal Chaudhry", "Catherine Osei", "Dana Whitfield");
    private static final String TITLE = "Selection of the parliamentary candidate for ";

    /** What the bench was asked to do. */
    record Plan(String mode, int selections, int members, double turnout, int threads, int lagEvery,
                Voter.Hold hold, ArrivalCurve arrivals, double peakRate, boolean committees, Path profileDir) {
    }

    /** One selection of the run as it is set up. */
    private static final class Selection {
        final String constituency;
        final BenchRoll roll;
        final Preferences preferences;
        String selectionId;
        String ballotId;
        long electorate;
        Voter.PublishedBallot ballot;

        Selection(String constituency, BenchRoll roll, long seed) {
            this.constituency = constituency;
            this.roll = roll;
            this.preferences = new Preferences(CANDIDATES, seed);
        }
    }

    private final Api api;
    private final Mailbox mailbox;
    private final PlatformProbe probe;
    private final Plan plan;
    private final PrintStream log;
    private final Supplier<String> admin;
    private final BenchReport report;
    private final String prefix;
    private final List<Selection> selections = new ArrayList<>();
    /** The sampled voters' entries still awaited on the public record, and the timer that polls for them. */
    private ScheduledExecutorService watchers;
    private AtomicInteger watching;

    BenchRun(Api api, Mailbox mailbox, PlatformProbe probe, Plan plan, PrintStream log) {
        this.api = api;
        this.mailbox = mailbox;
        this.probe = probe;
        this.plan = plan;
        this.log = log;
        this.admin = api.login("hq", "hq-demo");
        this.report = new BenchReport(plan.mode(), plan.selections(), plan.members());
        this.report.targetRate = plan.peakRate();
        String run = java.time.LocalDateTime.now(ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("MMddHHmmss"));
        this.prefix = ("national".equals(plan.mode()) ? "N" : "B") + run + "-";
    }

    BenchReport run() throws Exception {
        LocalDate freeze = LocalDate.now(ZoneOffset.UTC);
        for (int i = 0; i < plan.selections(); i++) {
            String constituency = prefix + i;
            selections.add(new Selection(constituency, new BenchRoll(constituency, branches(constituency), plan.members(),
                    freeze, 1000L + i), 7000L + i));
        }
        api.post(admin.get(), "/api/membership/regions", Map.of("code", "BENCH", "name", "Region BENCH")).expect(201, 409);
        ExecutorService setup = Executors.newFixedThreadPool(4);
        try {
            phase("areas", null, setup, s -> {
                areas(s);
                return null;
            });
            phase("import", "members CSV through the gateway", setup, s -> {
                api.postStream(admin.get(), "/api/membership/constituencies/" + s.constituency + "/members", "text/csv",
                        s.roll::csvStream, Duration.ofMinutes(15), () -> { }).expect(200, 201);
                return null;
            });
            phase("selections", plan.committees() ? "candidates and a committee of 7 each" : "candidates", setup, s -> {
                selection(s, freeze);
                return null;
            });
            phase("freeze", "roll frozen in membership-service", setup, s -> {
                freeze(s);
                return null;
            });
            phase("commit", "electorate complete in ballot-service", setup, s -> {
                awaitElectorate(s);
                return null;
            });
            for (Selection s : selections) {
                report.electorate += s.electorate;
            }
            MailOut mailOut = new MailOut();
            opening(mailOut);
            mailOut.await();
        } finally {
            setup.shutdownNow();
        }
        voting();
        closing();
        exportAndVerify();
        Map<String, ProcessProbe.Usage> end = probe.sample();
        end.forEach((name, u) -> report.processes.merge(name, new BenchReport.Process(u.peakKib() / 1024.0, 0),
                (voting, peak) -> new BenchReport.Process(peak.peakMib(), voting.votingCpuMillis())));
        report.databaseMib.putAll(probe.databaseMib());
        report.postgresFsync = probe.fsync();
        report.checks.put("no process above 1 GiB resident", report.processes.entrySet().stream()
                .filter(e -> !PlatformProbe.CLIENT.equals(e.getKey())).allMatch(e -> e.getValue().peakMib() < 1024));
        return report;
    }

    private static List<String> branches(String constituency) {
        List<String> branches = new ArrayList<>();
        for (int b = 1; b <= 8; b++) {
            branches.add(constituency + "-B" + b);
        }
        return branches;
    }

    /** Runs {@code step} for every selection, four at a time, and records the phase's wall time. */
    private void phase(String name, String note, ExecutorService pool, Function<Selection, Void> step) throws Exception {
        long t = System.nanoTime();
        List<Future<Void>> done = new ArrayList<>();
        for (Selection s : selections) {
            done.add(pool.submit(() -> step.apply(s)));
        }
        for (Future<Void> f : done) {
            get(f);
        }
        finish(name, t, note);
    }

    private void finish(String name, long startNanos, String note) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        report.phase(name, seconds, note);
        log.printf("%-16s %8.1f s%n", name, seconds);
    }

    private void areas(Selection s) {
        api.post(admin.get(), "/api/membership/constituencies",
                Map.of("code", s.constituency, "name", "Constituency " + s.constituency, "region", "BENCH")).expect(201, 409);
        for (String code : branches(s.constituency)) {
            api.post(admin.get(), "/api/membership/branches",
                    Map.of("code", code, "name", "Branch " + code, "constituency", s.constituency)).expect(201, 409);
        }
    }

    private void selection(Selection s, LocalDate freeze) {
        Map<String, Object> rules = Map.of("minimumMonths", 6, "arrearsDisqualify", true, "tieBreak", "backwards",
                "seed", 1000L + selections.indexOf(s));
        JsonNode selection = api.until(() -> api.post(admin.get(), "/api/ballots/selections", Map.of(
                        "constituency", s.constituency, "title", TITLE + s.constituency,
                        "freezeDate", freeze.toString(), "rulebook", rules)),
                Set.of(400, 404, 409), EVENTUAL).expect(201).json();
        s.selectionId = selection.get("id").asText();
        for (String name : CANDIDATES) {
            api.post(admin.get(), "/api/ballots/selections/" + s.selectionId + "/candidates", Map.of("name", name)).expect(201);
        }
        if (plan.committees()) {
            for (DemoSelection.Seat seat : DemoSelection.committee(s.constituency)) {
                api.post(admin.get(), "/api/ballots/selections/" + s.selectionId + "/committee",
                        Map.of("name", seat.name(), "role", seat.role(), "email", seat.email())).expect(201);
            }
        }
    }

    private void freeze(Selection s) {
        JsonNode roll = api.until(() -> api.post(admin.get(), "/api/membership/selections/" + s.selectionId + "/roll/freeze",
                Map.of(), Duration.ofMinutes(15)), Set.of(404), EVENTUAL).expect(200, 201).json();
        s.electorate = roll.path("electorate").asLong();
    }

    /** The frozen roll reaches ballot-service in chunks over Kafka: the electorate is complete once all arrived. */
    private void awaitElectorate(Selection s) {
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (!api.get(admin.get(), "/api/ballots/selections/" + s.selectionId + "/electorate").expect(200).json()
                .path("complete").asBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the electorate of " + s.constituency + " did not reach ballot-service");
            }
            Api.sleep(200);
        }
    }

    /**
     * Schedules and opens every ballot (opening mints the access codes and, with a committee, waits at the notice
     * gate until each member was told), sampling each process's memory as the count of open selections passes
     * 10, 100 and 1,000, and at the last.
     */
    private void opening(MailOut mailOut) throws Exception {
        // An opening mostly waits (the notice gate, then tally-service learning of the ballot), so many at once: four
        // at a time, 650 constituencies took longer to open than to vote, measuring the bench rather than the platform.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(OPENINGS, selections.size()));
        try {
            opening(pool, mailOut);
        } finally {
            pool.shutdownNow();
        }
    }

    private void opening(ExecutorService pool, MailOut mailOut) throws Exception {
        long t = System.nanoTime();
        mailOut.start(t);
        List<Future<Void>> done = new ArrayList<>();
        for (Selection s : selections) {
            done.add(pool.submit(() -> {
                open(s);
                return null;
            }));
        }
        int open = 0;
        for (Future<Void> f : done) {
            get(f);
            open++;
            if (open == 10 || open == 100 || open == 1000 || open == selections.size()) {
                report.rssByOpenSelections.put(open, PlatformProbe.residentMib(probe.sample()));
            }
        }
        finish("open", t, "ballots scheduled and opened, access codes minted");
    }

    private void open(Selection s) {
        String ballotId = api.post(admin.get(), "/api/ballots/selections/" + s.selectionId + "/ballots",
                Map.of("closesAt", Instant.now().plus(Duration.ofHours(12)).toString())).expect(201).json().get("id").asText();
        api.until(() -> api.post(admin.get(), "/api/ballots/ballots/" + ballotId + "/open", Map.of(),
                        Duration.ofMinutes(15)), NOT_YET, EVENTUAL)
                .expect(200, 204);
        api.until(() -> api.get(admin.get(), "/api/tally/ballots/" + ballotId + "/progress"), NOT_YET, EVENTUAL).expect(200);
        s.ballotId = ballotId;
        s.ballot = Voter.PublishedBallot.fetch(api, ballotId);
    }

    /** The access codes counted in the SMTP server (its counts, not the messages) until every elector has one. */
    private final class MailOut {
        private long start;

        void start(long startNanos) {
            start = startNanos;
        }

        void await() {
            String subject = "Your access code: " + TITLE + prefix;
            Mailbox.MailOut m = mailbox.awaitMailOut(subject, out -> out.messages() >= report.electorate, MAIL);
            report.codesMailed = m.messages();
            finish("mail-out", start, "from the first open until the SMTP server held every code");
            report.checks.put("every elector got exactly one access code", m.messages() == report.electorate
                    && m.recipients() == report.electorate && m.recipientsWithSeveral() == 0);
        }
    }

    /**
     * The voters arrive on the plan's curve, round the selections in turn; each reads their code from their mail,
     * redeems it for a credential, holds it as asked and casts. CPU per process is read before and after.
     */
    private void voting() throws Exception {
        int perSelection = (int) Math.round(plan.members() * plan.turnout());
        long total = (long) perSelection * selections.size();
        int lagEvery = (int) Math.max(plan.lagEvery(), total / MAX_LAG_SAMPLES);
        Voter voter = new Voter(api);
        ExecutorService pool = Executors.newFixedThreadPool(plan.threads());
        ScheduledExecutorService casting = Executors.newScheduledThreadPool(Math.max(1, plan.threads() / 4));
        ScheduledExecutorService watch = Executors.newScheduledThreadPool(2);
        Semaphore free = new Semaphore(plan.threads());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong cast = new AtomicLong();
        AtomicInteger watching = new AtomicInteger();
        java.util.Random holds = new java.util.Random(0x5eed);

        Recording client = plan.profileDir() == null ? null : clientRecording();
        if (plan.profileDir() != null) {
            probe.startProfiles(plan.profileDir());
        }
        Map<String, ProcessProbe.Usage> before = probe.sample();
        long start = System.nanoTime();
        for (long g = 0; g < total && failure.get() == null; g++) {
            Selection s = selections.get((int) (g % selections.size()));
            long k = g / selections.size();
            long due = start + plan.arrivals().offsetMillis(g) * 1_000_000;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            free.acquire();
            report.lateness.add(Math.max(0, (System.nanoTime() - due) / 1_000_000));
            boolean sampled = g % lagEvery == 0;
            long hold = plan.hold().drawMillis(holds);
            pool.execute(() -> {
                try {
                    String code = mailbox.accessCode(s.roll.email(s.roll.voter(k)), s.ballotId, MAIL);
                    Voter.Held held = voter.credential(s.ballot, code);
                    report.issuance.add(held.issueMillis());
                    List<String> ranking;
                    synchronized (s.preferences) {
                        ranking = s.preferences.next();
                    }
                    Runnable castIt = () -> {
                        try {
                            Voter.Cast c = voter.cast(held, ranking);
                            report.casting.add(c.castMillis());
                            cast.incrementAndGet();
                            if (sampled) {
                                watching.incrementAndGet();
                                watchEntry(watch, s.ballotId, c.tracker(), System.nanoTime(), watching);
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    };
                    if (hold == 0) {
                        castIt.run();
                    } else {
                        casting.schedule(castIt, hold, TimeUnit.MILLISECONDS);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    free.release();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(7, TimeUnit.DAYS);
        casting.shutdown();
        casting.awaitTermination(7, TimeUnit.DAYS);
        finish("voting", start, "code -> credential -> cast");
        Map<String, ProcessProbe.Usage> after = probe.sample();
        if (plan.profileDir() != null) {
            probe.stopProfiles(plan.profileDir()).forEach(p -> report.profiles.add(p.toString()));
            client.stop();
            report.profiles.add(plan.profileDir().resolve("bench-client.jfr").toAbsolutePath().toString());
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a voter failed: " + failure.get().getMessage(), failure.get());
        }
        report.votes = cast.get();
        after.forEach((name, u) -> report.processes.put(name, new BenchReport.Process(u.peakKib() / 1024.0,
                cpuSince(before, name, u))));
        long recorded = 0;
        for (Selection s : selections) {
            recorded += api.get(admin.get(), "/api/tally/ballots/" + s.ballotId + "/progress").expect(200).json().path("entries").asLong();
        }
        log.printf("%d of %d votes on the public record before the close (the rest wait for their mixed batch)%n",
                recorded, report.votes);
        this.watchers = watch;
        this.watching = watching;
    }

    private Recording clientRecording() throws Exception {
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        java.nio.file.Files.createDirectories(plan.profileDir());
        r.setDestination(plan.profileDir().resolve("bench-client.jfr"));
        r.start();
        return r;
    }

    /** Polls the public record, once a second, until the sampled voter's entry is there. */
    private void watchEntry(ScheduledExecutorService watch, String ballotId, String tracker, long castAt, AtomicInteger pending) {
        watch.schedule(() -> {
            try {
                if (api.get(null, "/api/tally/public/ballots/" + ballotId + "/entries/" + tracker).status() == 200) {
                    report.recordedLag.add((System.nanoTime() - castAt) / 1_000_000);
                    pending.decrementAndGet();
                } else {
                    watchEntry(watch, ballotId, tracker, castAt, pending);
                }
            } catch (RuntimeException e) {
                watchEntry(watch, ballotId, tracker, castAt, pending);
            }
        }, 1, TimeUnit.SECONDS);
    }

    /** A process's CPU milliseconds from the {@code earlier} sample to {@code now} (all of them if it was not there). */
    private static long cpuSince(Map<String, ProcessProbe.Usage> earlier, String name, ProcessProbe.Usage now) {
        ProcessProbe.Usage then = earlier.get(name);
        return now.cpuMillis() - (then == null ? 0 : then.cpuMillis());
    }

    /** Every ballot closed at one moment ({@link CommonClose}), then the lag watchers given time to finish. */
    private void closing() throws Exception {
        AtomicReference<Map<String, ProcessProbe.Usage>> atClose = new AtomicReference<>();
        boolean inTime = new CommonClose(api, admin).close(selections.stream().map(s -> s.ballotId).toList(),
                this::finish, report.closeToPublished::add, () -> atClose.set(probe.sample()),
                () -> probe.sample().forEach((name, u) -> report.closeCpuMillis.put(name, cpuSince(atClose.get(), name, u))));
        report.checks.put("every close co-signed before the common close", inTime);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (watching.get() > 0 && Instant.now().isBefore(deadline)) {
            Api.sleep(500);
        }
        watchers.shutdownNow();
    }

    /**
     * Each public record downloaded (the export) to a file as it arrives, then verified from the file as anyone
     * would verify it, the verifier streaming its entries: a national record is never held whole by the client.
     */
    private void exportAndVerify() throws IOException {
        Path dir = Files.createTempDirectory("selectorate-bench-records");
        try {
            long t = System.nanoTime();
            Map<Selection, Path> records = new LinkedHashMap<>();
            long bytes = 0;
            for (Selection s : selections) {
                Path file = dir.resolve(s.ballotId + ".json");
                bytes += api.download(null, "/api/tally/public/ballots/" + s.ballotId + "/record", file,
                        Duration.ofMinutes(10), 200);
                records.put(s, file);
            }
            finish("export", t, String.format("%.1f MiB of public record", bytes / (1024.0 * 1024.0)));
            long v = System.nanoTime();
            boolean verified = true;
            long entries = 0;
            for (Path file : records.values()) {
                VerificationReport verification = RecordVerifier.verify(file, CertificationCheck.optional());
                entries += verification.entryCount();
                verified &= verification.passed();
            }
            finish("verify", v, "every record read and verified");
            report.checks.put("every record verified", verified);
            report.checks.put("every vote cast is on the record", entries == report.votes);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void get(Future<?> f) throws Exception {
        try {
            f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        }
    }
}
