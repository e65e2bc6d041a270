package org.selectorate.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.DemoSelection;
import org.selectorate.cli.demo.Mailbox;
import org.selectorate.cli.demo.Members;
import org.selectorate.cli.demo.Preferences;
import org.selectorate.cli.demo.Voter;
import org.selectorate.counting.av.AvRules;
import org.selectorate.counting.av.InstantRunoff;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.tie.TieBreak;
import org.selectorate.devstack.Devstack;
import org.selectorate.devstack.Postgres;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Voters vote in every selection while faults hit the platform, then the run checks from the outside, with the
 * public records, the mail server and the notice ledgers as witnesses, that nothing was lost or doubled.
 * <p>
 * Set-up (areas, rolls, selections, committees, opening, the access codes' mail-out) runs before the first fault;
 * each voter reads their code from their mailbox before voting starts too, so a hung mail server delays only mail.
 * Voters are let go in tranches, one before each fault, and the fault comes once a seeded share (10 to 70 %) of its
 * tranche is done (or {@code maxGap} passed), so every fault lands while votes are in flight.
 */
public final class ChaosRun {
    private static final List<String> CANDIDATES = List.of("Alex Rivera", "Bilal Chaudhry", "Catherine Osei", "Dana Whitfield");
    private static final String TITLE = "Selection of the parliamentary candidate for ";
    private static final Duration MAIL = Duration.ofMinutes(10);
    private static final Duration EVENTUAL = Duration.ofMinutes(5);
    private static final Set<Integer> NOT_YET = Set.of(404, 409);

    /**
     * What to run: {@code faults} faults over the voting of {@code selections} selections of {@code members} members,
     * {@code turnout} of whom vote, {@code threads} at a time; {@code seed} draws the faults, their moments and the
     * votes; {@code maxGap} bounds the wait before each fault and {@code maxOutage} a hung mail server's outage;
     * a voter gives up after {@code patience}.
     */
    public record Plan(int selections, int members, int faults, long seed, double turnout, int threads,
                       Duration maxGap, Duration maxOutage, Duration patience) {
    }

    private record Selection(DemoSelection.Opened opened, long seed) {
    }

    private record VoterTask(int selection, Members.Member member, List<String> ranking) {
    }

    private final Devstack devstack;
    private final Api api;
    private final Mailbox mailbox;
    private final Plan plan;
    private final PrintStream log;
    private final String prefix;

    public ChaosRun(Devstack devstack, Api api, Mailbox mailbox, Plan plan, PrintStream log) {
        this.devstack = devstack;
        this.api = api;
        this.mailbox = mailbox;
        this.plan = plan;
        this.log = log;
        this.prefix = "X" + java.time.LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("MMddHHmmss")) + "-";
    }

    public ChaosReport run() throws Exception {
        ChaosReport report = new ChaosReport(plan, new Postgres(devstack.stack()).show("fsync"));
        List<Selection> selections = setUp();
        long electorate = selections.stream().mapToLong(s -> s.opened().electorate()).sum();
        report.electorate = electorate;
        awaitMailOut(electorate);
        List<VoterTask> voters = voters(selections);
        Map<VoterTask, String> codes = readCodes(selections, voters);
        log.printf("%d voters hold their access codes; voting with %d faults (seed %d)%n", voters.size(), plan.faults(), plan.seed());

        Faults faults = new Faults(devstack, plan.seed(), plan.maxOutage(), log);
        Map<String, Voter.PublishedBallot> ballots = new HashMap<>();
        for (Selection s : selections) {
            ballots.put(s.opened().ballotId(), Voter.PublishedBallot.fetch(api, s.opened().ballotId()));
        }
        RetryingVoter voter = new RetryingVoter(api, plan.patience());
        ExecutorService pool = Executors.newFixedThreadPool(plan.threads());
        List<Future<RetryingVoter.Result>> results = new ArrayList<>();
        List<VoterTask> order = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        try {
            int tranches = plan.faults() + 1;
            for (int t = 0; t < tranches; t++) {
                int first = voters.size() * t / tranches;
                int end = voters.size() * (t + 1) / tranches;
                for (int i = first; i < end; i++) {
                    VoterTask v = voters.get(i);
                    Voter.PublishedBallot ballot = ballots.get(selections.get(v.selection()).opened().ballotId());
                    String code = codes.get(v);
                    order.add(v);
                    results.add(pool.submit(() -> {
                        try {
                            return voter.vote(ballot, code, v.ranking());
                        } finally {
                            done.incrementAndGet();
                        }
                    }));
                }
                if (t < plan.faults()) {
                    // The fault's moment: once a seeded share of this tranche is done, while the rest is in flight.
                    awaitShare(done, first + (long) ((end - first) * faults.nextShare()), faults.nextDelayMillis(plan.maxGap()));
                    faults.inject();
                }
            }
            List<RetryingVoter.Result> outcomes = new ArrayList<>();
            for (Future<RetryingVoter.Result> f : results) {
                outcomes.add(get(f));
            }
            report.votingSeconds = (System.nanoTime() - start) / 1e9;
            report.faults.addAll(faults.injected());
            List<String> lastRestarts = faults.awaitHealthy();
            report.restartedAfterVoting.addAll(lastRestarts);
            closeAndCount(selections);
            check(report, selections, order, outcomes);
        } finally {
            pool.shutdownNow();
        }
        return report;
    }

    /** Waits until {@code count} voters are done, or {@code maxMillis} passed. */
    private static void awaitShare(AtomicInteger done, long count, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        while (done.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private List<Selection> setUp() throws Exception {
        String admin = api.token("hq", "hq-demo");
        DemoSelection demo = new DemoSelection(api, mailbox, admin, m -> { });
        demo.region("CHAOS");
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(3, plan.selections()));
        long t = System.nanoTime();
        try {
            List<Future<Selection>> opened = new ArrayList<>();
            for (int i = 0; i < plan.selections(); i++) {
                String constituency = prefix + i;
                long seed = plan.seed() * 1000 + i;
                opened.add(pool.submit(() -> new Selection(demo.open("CHAOS", constituency, plan.members(), CANDIDATES, seed,
                        DemoSelection.committee(constituency)), seed)));
            }
            List<Selection> selections = new ArrayList<>();
            for (Future<Selection> f : opened) {
                selections.add(get(f));
            }
            log.printf("set up and opened %d selections in %.1f s%n", selections.size(), (System.nanoTime() - t) / 1e9);
            return selections;
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitMailOut(long electorate) {
        mailbox.awaitMailOut(codeSubject(), m -> m.messages() >= electorate, MAIL);
    }

    private String codeSubject() {
        return "Your access code: " + TITLE + prefix;
    }

    /** Each selection's voters (the turnout of its eligible members, in a seeded order), the selections interleaved. */
    private List<VoterTask> voters(List<Selection> selections) {
        List<List<VoterTask>> per = new ArrayList<>();
        for (int i = 0; i < selections.size(); i++) {
            Selection s = selections.get(i);
            List<Members.Member> electors = DemoSelection.electors(s.opened(), s.seed());
            int n = (int) Math.min(electors.size(), Math.round(plan.members() * plan.turnout()));
            Preferences preferences = new Preferences(CANDIDATES, s.seed());
            List<VoterTask> tasks = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                tasks.add(new VoterTask(i, electors.get(k), preferences.next()));
            }
            per.add(tasks);
        }
        List<VoterTask> all = new ArrayList<>();
        while (per.stream().anyMatch(l -> !l.isEmpty())) {
            for (List<VoterTask> l : per) {
                if (!l.isEmpty()) {
                    all.add(l.remove(0));
                }
            }
        }
        return all;
    }

    private Map<VoterTask, String> readCodes(List<Selection> selections, List<VoterTask> voters) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Map<VoterTask, Future<String>> pending = new HashMap<>();
            for (VoterTask v : voters) {
                pending.put(v, pool.submit(() -> mailbox.accessCode(v.member().email(),
                        selections.get(v.selection()).opened().ballotId(), MAIL)));
            }
            Map<VoterTask, String> codes = new HashMap<>();
            for (Map.Entry<VoterTask, Future<String>> e : pending.entrySet()) {
                codes.put(e.getKey(), get(e.getValue()));
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every ballot closed early (proposed by HQ, co-signed by the scrutineer), then each result awaited. */
    private void closeAndCount(List<Selection> selections) {
        String admin = api.token("hq", "hq-demo");
        // The demo's officer is a scrutineer everywhere; the demo scrutineer covers NW only.
        String scrutineer = api.token("officer", "officer-demo");
        DemoSelection demo = new DemoSelection(api, mailbox, admin, m -> { });
        for (Selection s : selections) {
            // As an official would: a failed close or co-signature is tried again until the ballot reads closed.
            Instant deadline = Instant.now().plus(EVENTUAL);
            while (true) {
                try {
                    demo.close(s.opened(), scrutineer);
                    break;
                } catch (RuntimeException e) {
                    if ("closed".equals(api.get(admin, "/api/ballots/ballots/" + s.opened().ballotId()).json()
                            .path("status").asText())) {
                        break;
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    log.println("closing " + s.opened().constituency() + " again after: " + e.getMessage());
                    Api.sleep(1000);
                }
            }
        }
        for (Selection s : selections) {
            api.until(() -> api.get(null, "/api/tally/public/ballots/" + s.opened().ballotId() + "/result"), NOT_YET, EVENTUAL)
                    .expect(200);
        }
    }

    /** The invariants, each checked from outside the platform; every breach is a violation in the report. */
    private void check(ChaosReport report, List<Selection> selections, List<VoterTask> order,
                       List<RetryingVoter.Result> outcomes) {
        for (int i = 0; i < selections.size(); i++) {
            Selection s = selections.get(i);
            String ballotId = s.opened().ballotId();
            String name = s.opened().constituency();
            List<RetryingVoter.Result> mine = new ArrayList<>();
            for (int k = 0; k < order.size(); k++) {
                if (order.get(k).selection() == i) {
                    mine.add(outcomes.get(k));
                }
            }
            mine.forEach(report::voter);
            RecordDocument record = RecordCodec.read(api.get(null, "/api/tally/public/ballots/" + ballotId + "/record")
                    .expect(200).body());
            VerificationReport verification = RecordVerifier.verify(record);
            if (!verification.passed()) {
                report.violation(name + ": the record does not verify: " + firstLines(verification.format()));
            }
            Map<String, List<RecordEntry>> byToken = new HashMap<>();
            for (RecordEntry e : record.entries()) {
                if (e.token() != null) {
                    byToken.computeIfAbsent(e.token(), t -> new ArrayList<>()).add(e);
                }
            }
            byToken.forEach((token, entries) -> {
                if (entries.size() > 1) {
                    report.violation(name + ": a token is on the record " + entries.size() + " times");
                }
            });
            Set<String> believed = new java.util.HashSet<>();
            List<List<String>> rankings = new ArrayList<>();
            long credentials = 0;
            long lockedOut = 0;
            long unsureOfCredential = 0;
            for (RetryingVoter.Result r : mine) {
                credentials += r.credential() ? 1 : 0;
                lockedOut += r.outcome() == RetryingVoter.Outcome.LOCKED_OUT ? 1 : 0;
                unsureOfCredential += r.outcome() == RetryingVoter.Outcome.GAVE_UP && !r.credential() ? 1 : 0;
                if (r.outcome() != RetryingVoter.Outcome.LANDED) {
                    report.violation(name + ": a voter's vote was lost (" + r.outcome().name().toLowerCase(java.util.Locale.ROOT)
                            + "): " + r.how());
                    continue;
                }
                believed.add(r.token());
                rankings.add(r.ranking());
                List<RecordEntry> entries = byToken.getOrDefault(r.token(), List.of());
                if (entries.size() != 1) {
                    report.violation(name + ": a cast the voter knows landed (" + r.how() + ") is on the record "
                            + entries.size() + " times");
                } else if (!entries.get(0).vote().equals(r.ranking())) {
                    report.violation(name + ": a vote on the record is not the one its voter cast");
                }
            }
            long online = record.entries().stream().filter(e -> e.channel() == Channel.ONLINE).count();
            long strangers = byToken.keySet().stream().filter(t -> !believed.contains(t)).count();
            if (strangers > 0) {
                report.violation(name + ": " + strangers + " entries on the record that no voter believes they cast");
            }
            long marked = record.markedRegister().getOrDefault(Channel.ONLINE, 0L);
            if (marked > s.opened().electorate()) {
                report.violation(name + ": marked register " + marked + " above the electorate " + s.opened().electorate());
            }
            if (marked < credentials || marked > credentials + lockedOut + unsureOfCredential) {
                report.violation(name + ": marked register " + marked + " but " + credentials
                        + " credentials reached their voters (" + lockedOut + " locked out, " + unsureOfCredential + " unsure)");
            }
            if (online > marked) {
                report.violation(name + ": " + online + " online votes but " + marked + " marked");
            }
            report.marked += marked;
            report.recorded += online;
            List<String> elected = new ArrayList<>();
            api.get(null, "/api/tally/public/ballots/" + ballotId + "/result").expect(200).json().path("elected")
                    .forEach(e -> elected.add(e.asText()));
            List<String> independent = independentCount(rankings, s.seed());
            if (!independent.equals(elected)) {
                report.violation(name + ": published elected " + elected + " but the voters' own votes elect " + independent);
            }
            committeeNotices(report, s);
        }
        accessCodes(report);
        alerts(report);
    }

    private static List<String> independentCount(List<List<String>> rankings, long seed) {
        List<Ballot> ballots = new ArrayList<>();
        for (List<String> r : rankings) {
            ballots.add(Ballot.ranking(1, r.stream().mapToInt(CANDIDATES::indexOf).toArray()));
        }
        return InstantRunoff.count(Election.of("chaos", CANDIDATES, 1, new LinkedHashSet<>(), ballots),
                new AvRules(RankRules.DEFAULT, TieBreak.backwards(seed), false, AvRules.Finish.MAJORITY, null)).elected();
    }

    /** Every notice of the selection's committee delivered, once its retries had time to get past any outage. */
    private void committeeNotices(ChaosReport report, Selection s) {
        // A token of its own each time: waiting for notices may outlast one.
        String admin = api.token("hq", "hq-demo");
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (true) {
            JsonNode ledger = api.get(admin, "/api/notifications/selections/" + s.opened().selectionId() + "/notices")
                    .expect(200).json();
            Map<String, Long> byStatus = new HashMap<>();
            ledger.forEach(n -> byStatus.merge(n.path("status").asText(), 1L, Long::sum));
            long notDelivered = byStatus.entrySet().stream().filter(e -> !e.getKey().equals("delivered"))
                    .mapToLong(Map.Entry::getValue).sum();
            if (notDelivered == 0 || Instant.now().isAfter(deadline)) {
                report.notices += ledger.size();
                if (notDelivered > 0) {
                    report.violation(s.opened().constituency() + ": committee notices not delivered: " + byStatus);
                }
                return;
            }
            Api.sleep(1000);
        }
    }

    /** Exactly one access-code mail to every elector of the run, counted by the mail server. */
    private void accessCodes(ChaosReport report) {
        Mailbox.MailOut m = mailbox.mailOut(codeSubject());
        report.codesMailed = m.messages();
        if (m.messages() != report.electorate || m.recipients() != report.electorate || m.recipientsWithSeveral() != 0) {
            report.violation("access codes: " + m.messages() + " mails to " + m.recipients() + " electors ("
                    + m.recipientsWithSeveral() + " with several) for an electorate of " + report.electorate);
        }
    }

    /**
     * "A ballot was issued in your name" reaches every member the register marked (mail is at least once: a
     * repeat after a crash between the SMTP server's acceptance and its outcome's commit is counted, not a breach).
     */
    private void alerts(ChaosReport report) {
        String subject = "A ballot was issued in your name: " + TITLE + prefix;
        Mailbox.MailOut m = mailbox.awaitMailOut(subject, out -> out.recipients() >= report.marked, EVENTUAL);
        report.alertRepeats = m.messages() - m.recipients();
        if (m.recipients() != report.marked) {
            report.violation("issuance alerts reached " + m.recipients() + " members; the registers marked " + report.marked);
        }
    }

    private static String firstLines(String text) {
        List<String> lines = List.of(text.split("\n"));
        return String.join(" / ", lines.subList(0, Math.min(3, lines.size())));
    }

    private static <T> T get(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : new IllegalStateException(e.getCause());
        }
    }
}
