package org.selectorate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.selectorate.counting.report.TextReport;
import org.selectorate.devstack.Devstack;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;
import org.selectorate.verifier.recount.RecordCount;
import org.selectorate.cli.stack.StackOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs a whole final ballot on the running platform (starting it if needed): area, roll, "
                + "selection, freeze, opening, online votes with blind-signed credentials, postal packs and their returns, "
                + "papers at a ballot meeting, close, two tellers keying the papers, count, reconciliation, the "
                + "scrutineer's certification, declaration, export, verify. "
                + "--scenario reselection first runs a sitting MP's trigger ballot and nominations (branch meetings, "
                + "affiliates' returns, the shortlist) in constituency NW-002.")
public final class DemoCommand implements Callable<Integer> {
    /** Eight branches with a meeting each need a few members apiece. */
    private static final int MIN_RESELECTION_MEMBERS = 80;

    @Option(names = "--scenario", defaultValue = "final", description = "final (the final ballot alone) or "
            + "reselection (trigger ballot, nominations and shortlist first; default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--json", description = "Print one JSON summary instead of the stage sheet.")
    boolean json;

    @Option(names = "--members", defaultValue = "2000", description = "Members on the roll (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--voters", defaultValue = "1200", description = "Members who vote online (default: ${DEFAULT-VALUE}).")
    int voters;

    @Option(names = "--postal", defaultValue = "200", description = "Members issued a postal pack, all returned, one "
            + "declaration unsigned (default: ${DEFAULT-VALUE}; --scenario final only).")
    int postal;

    @Option(names = "--in-person", defaultValue = "100", description = "Members voting on paper at the ballot meeting "
            + "(default: ${DEFAULT-VALUE}; --scenario final only).")
    int inPerson;

    @Option(names = "--threads", defaultValue = "8", description = "Voters voting at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the generated roll and rankings.")
    long seed;

    @Option(names = "--hold", defaultValue = "PT20S", description = "Each voter holds their credential for a random "
            + "time up to this (ISO-8601 duration) before casting, as the reference client does, so casts do not follow "
            + "issues in lockstep (default: ${DEFAULT-VALUE}; a real poll holds for hours).")
    Duration hold;

    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws Exception {
        boolean reselection = switch (scenario) {
            case "final" -> false;
            case "reselection" -> true;
            default -> throw new IllegalArgumentException("unknown --scenario '" + scenario + "': final or reselection");
        };
        if (postal < 0 || inPerson < 0) {
            throw new IllegalArgumentException("--postal and --in-person cannot be negative");
        }
        if (reselection) {
            // The reselection's selection is made by its own scenario, with no paper channels.
            postal = 0;
            inPerson = 0;
        }
        if (voters + postal + inPerson > members) {
            throw new IllegalArgumentException("--voters, --postal and --in-person (" + (voters + postal + inPerson)
                    + ") cannot exceed --members (" + members + ")");
        }
        if (reselection && members < MIN_RESELECTION_MEMBERS) {
            throw new IllegalArgumentException("--members must be at least " + MIN_RESELECTION_MEMBERS
                    + " for --scenario reselection (8 branches each holding meetings)");
        }
        PrintStream log = json ? System.err : System.out;
        Path data = options.home();
        Devstack devstack = Platform.ensureRunning(options.root(), data, log);
        Api api = Platform.api(devstack);
        Mailbox mailbox = new Mailbox(devstack.stack().mailApiUrl());
        String admin = api.token("hq", "hq-demo");
        String scrutineer = api.token("scrutineer", "scrutineer-demo");
        DemoSelection demo = new DemoSelection(api, mailbox, admin, m -> log.println("  " + m));

        String run = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("MMddHHmmss"));
        List<String> candidates = List.of("Alex Rivera", "Bilal Chaudhry", "Catherine Osei");
        ReselectionScenario.Outcome before = null;
        List<DemoSelection.Seat> committee;
        DemoSelection.Opened opened;
        if (reselection) {
            committee = DemoSelection.committee(Reselection.CONSTITUENCY);
            ReselectionScenario scenario = new ReselectionScenario(api, mailbox, demo, admin,
                    m -> log.println("  " + m), threads, seed);
            before = scenario.run(members, committee);
            before.checks().forEach(c -> log.printf("  %-40s %s: %s%n", c.what(), c.passed() ? "ok" : "FAILED", c.detail()));
            if (!before.triggered() || before.shortlist().size() < 2) {
                log.println(before.triggered() ? "error: fewer than two shortlisted, no final ballot"
                        : "  not triggered: no final ballot");
                if (json) {
                    System.out.println(Api.JSON.writeValueAsString(steps(before)));
                }
                return before.verified() && !before.triggered() ? 0 : 1;
            }
            scenario.withdrawAllBut(before.prepared().selectionId(), before.shortlist());
            opened = demo.openBallot(Reselection.REGION, Reselection.CONSTITUENCY, before.prepared(), before.shortlist());
        } else {
            String constituency = "DEMO-" + run;
            committee = DemoSelection.committee(constituency);
            DemoSelection.Prepared prepared = demo.prepare("DEMO", constituency, members, candidates, seed, committee,
                    PaperScenario.rulebook(postal, inPerson));
            opened = demo.openBallot("DEMO", constituency, prepared, candidates);
        }
        // The officer (an HQ admin) is the second teller; the area's scrutineer decides a disputed batch and certifies.
        PaperScenario paper = new PaperScenario(api, mailbox, admin, api.token("officer", "officer-demo"), scrutineer,
                opened.candidates(), seed, m -> log.println("  " + m));
        List<Members.Member> electors = DemoSelection.electors(opened, seed);
        List<Members.Member> online = electors.subList(0, voters);
        List<Members.Member> byPost = electors.subList(voters, voters + postal);
        List<Members.Member> atMeeting = electors.subList(voters + postal, voters + postal + inPerson);
        List<PaperChannels.PostalPack> packs = paper.issuePostal(opened, byPost);
        long start = System.nanoTime();
        List<DemoSelection.CastVote> votes = demo.vote(opened, online, threads, seed, 0, new Voter.Hold(hold)).votes();
        log.printf("  %d members voted online in %.1f s%n", votes.size(), (System.nanoTime() - start) / 1e9);
        int attempts = (postal > 0 ? 1 : 0) + (postal > 0 && voters > 0 ? 1 : 0);
        boolean secondChannelsRefused = paper.secondChannels(opened, byPost, online) == attempts;
        List<PaperChannels.PostalPack> accepted = paper.returns(opened, packs);
        List<String> meetingPapers = paper.meeting(opened, atMeeting);
        JsonNode result;
        if (postal + inPerson == 0) {
            result = demo.closeAndCount(opened, scrutineer);
        } else {
            demo.close(opened, scrutineer);
            result = paper.count(opened, demo, accepted, meetingPapers);
        }
        boolean reconciled = result.path("reconciled").asBoolean(false);
        result.path("paperAccount").fields().forEachRemaining(c -> log.printf("  %-9s issued %d, returned %d, "
                        + "rejected %s, spoilt %s, counted %d%n", c.getKey(), c.getValue().path("issued").asLong(),
                c.getValue().path("returned").asLong(), c.getValue().path("rejected"), c.getValue().path("spoilt"),
                c.getValue().path("counted").asLong()));
        log.println("  ballot paper account " + (reconciled ? "reconciles in every channel"
                : "does NOT reconcile: " + result.path("accountProblems")));
        JsonNode declaration = paper.certifyAndDeclare(opened.ballotId());
        JsonNode standing = api.get(null, "/api/tally/public/ballots/" + opened.ballotId() + "/certifications")
                .expect(200).json();
        boolean certified = "certified".equals(standing.path("standing").asText()) && declaration.hasNonNull("declaredAt");
        DemoSelection.Notices notices = demo.acknowledgeNotices(opened, committee);
        log.printf("  committee of %d: %d notices, %d delivered, %d acknowledged%n", notices.committee(),
                notices.notices(), notices.delivered(), notices.acknowledged());

        String recordJson = demo.record(opened.ballotId(), "json");
        Path exported = data.resolve("exports").resolve(opened.ballotId() + ".json");
        Files.createDirectories(exported.getParent());
        Files.writeString(exported, recordJson, StandardCharsets.UTF_8);
        RecordDocument record = RecordCodec.read(recordJson);
        VerificationReport verification = RecordVerifier.verify(record);

        List<String> elected = new ArrayList<>();
        result.path("elected").forEach(e -> elected.add(e.asText()));
        long expected = votes.size() + paper.counted().size();
        boolean countsAgree = record.entries().size() == expected;
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("selection", opened.selectionId());
            summary.put("ballot", opened.ballotId());
            summary.put("electorate", opened.electorate());
            summary.put("votes", record.entries().size());
            summary.put("elected", elected);
            summary.put("record", exported.toString());
            summary.put("verified", verification.passed());
            Map<String, Object> channels = new LinkedHashMap<>();
            for (String channel : List.of("online", "postal", "in-person")) {
                channels.put(channel, result.path("paperAccount").path(channel).path("counted").asLong());
            }
            summary.put("channels", channels);
            summary.put("reconciled", reconciled);
            summary.put("certified", certified);
            summary.put("secondChannelRefused", secondChannelsRefused);
            Map<String, Object> told = new LinkedHashMap<>();
            told.put("committee", notices.committee());
            told.put("delivered", notices.delivered());
            told.put("acknowledged", notices.acknowledged());
            summary.put("notices", told);
            summary.put("pages", pages(devstack.stack().gatewayUrl(), opened));
            if (before != null) {
                summary.putAll(steps(before));
            }
            System.out.println(Api.JSON.writeValueAsString(summary));
        } else {
            System.out.println();
            System.out.print(TextReport.write(RecordCount.count(record.header(), record.entries())));
            System.out.println();
            System.out.print(verification.format());
            System.out.println("Record exported to " + exported);
            System.out.println();
            pages(devstack.stack().gatewayUrl(), opened).forEach((page, url) -> System.out.printf("%-8s %s%n", page, url));
        }
        if (!countsAgree) {
            log.println("error: " + expected + " votes were cast or keyed but the record holds " + record.entries().size());
        }
        boolean everyoneTold = notices.committee() == committee.size() && notices.delivered() == notices.notices()
                && notices.acknowledged() == notices.notices();
        if (!everyoneTold) {
            log.println("error: not every committee member's notice was delivered and acknowledged");
        }
        boolean stepsVerified = before == null || before.verified();
        if (!stepsVerified) {
            log.println("error: a meeting ballot's record or totals did not check");
        }
        if (!reconciled || !certified || !secondChannelsRefused) {
            log.println("error: " + (!reconciled ? "the ballot paper account does not reconcile"
                    : !certified ? "the result was not certified and declared" : "a second channel was not refused"));
        }
        return verification.passed() && countsAgree && everyoneTold && stepsVerified && reconciled && certified
                && secondChannelsRefused ? 0 : 1;
    }

    /** The reselection's steps in the JSON summary: the trigger, the nominations' rounds and the shortlist. */
    private static Map<String, Object> steps(ReselectionScenario.Outcome o) {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("units", o.units());
        trigger.put("yes", o.yes());
        trigger.put("triggered", o.triggered());
        Map<String, Object> nominations = new LinkedHashMap<>();
        nominations.put("rounds", o.rounds());
        nominations.put("shortlist", o.shortlist());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("selection", o.prepared().selectionId());
        out.put("trigger", trigger);
        out.put("nominations", nominations);
        out.put("meetingBallots", o.checks().stream().map(c -> Map.of("ballot", c.ballotId(), "what", c.what(),
                "totalsOnly", c.totalsOnly(), "verified", c.passed())).toList());
        return out;
    }

    /**
     * The ballot's pages: where a member votes (with the code the mail adds), the public record, the roll check, and
     * the selection in the officers' console.
     */
    private static Map<String, String> pages(String gateway, DemoSelection.Opened opened) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("vote", gateway + "/vote/" + opened.ballotId());
        pages.put("record", gateway + "/record/" + opened.ballotId());
        pages.put("roll", gateway + "/roll/" + opened.selectionId());
        pages.put("console", gateway + "/console#/selections/" + opened.selectionId());
        return pages;
    }
}
