package org.selectorate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A sitting MP's reselection, up to the final ballot: the trigger ballot under the 2021 rule (a yes/no vote at each
 * branch's meeting, each affiliate's return entered and confirmed by two officers), then nominations (exhaustive
 * rounds at branch meetings, affiliates' returns) and the shortlist by the rulebook's thresholds. Every meeting
 * ballot's record is checked once its step has closed and released it.
 */
public final class ReselectionScenario {
    public static final String SITTING_MP = "Alex Rivera";
    public static final List<String> CANDIDATES = List.of(SITTING_MP, "Bilal Chaudhry", "Catherine Osei", "Dana Whitfield");
    private static final Duration EVENTUAL = Duration.ofSeconds(120);
    private static final String YES = "Yes";
    private static final String NO = "No";
    /** Branches 1 to 5 vote for a contest, 6 to 8 against; UNISON, GMB and CWU return yes. */
    private static final int BRANCHES_FOR_CONTEST = 5;
    private static final Map<String, String> TRIGGER_RETURNS = Map.of("NW-002-UNISON", "yes", "NW-002-GMB", "yes",
            "NW-002-CWU", "yes", "NW-002-COOP", "no", "NW-002-SERA", "no");
    private static final Map<String, String> NOMINATION_RETURNS = Map.of("NW-002-UNISON", "Bilal Chaudhry",
            "NW-002-GMB", "Bilal Chaudhry", "NW-002-CWU", "Catherine Osei", "NW-002-COOP", "Catherine Osei",
            "NW-002-SERA", SITTING_MP);

    private final Api api;
    private final DemoSelection demo;
    private final Reselection steps;
    private final String admin;
    private final Consumer<String> progress;
    private final int threads;
    private final long seed;

    public ReselectionScenario(Api api, Mailbox mailbox, DemoSelection demo, String adminToken, Consumer<String> progress,
                               int threads, long seed) {
        this.api = api;
        this.demo = demo;
        this.steps = new Reselection(api, mailbox, adminToken);
        this.admin = adminToken;
        this.progress = progress;
        this.threads = threads;
        this.seed = seed;
    }

    /** One meeting ballot's check once released: its record verified, or, released as totals only, its totals. */
    public record Check(String ballotId, String what, boolean totalsOnly, boolean passed, String detail) {
    }

    /** What the steps before the final ballot came to. */
    public record Outcome(DemoSelection.Prepared prepared, int units, int yes, boolean triggered, int rounds,
                         List<String> shortlist, List<Check> checks) {
        public boolean verified() {
            return checks.stream().allMatch(Check::passed);
        }
    }

    /** The rulebook of the scenario: a trigger ballot under the 2021 rule, exhaustive ballots at nominations. */
    public static Map<String, Object> rulebook(int quorum) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("steps", "trigger");
        r.put("trigger", Map.of("preset", "2021"));
        r.put("meetingQuorum", quorum);
        r.put("nominations", Map.of("thresholds", Map.of("branches", "1/4", "affiliates", "2/5"),
                "combination", "either", "method", "exhaustive"));
        return r;
    }

    public Outcome run(int memberCount, List<DemoSelection.Seat> committee) {
        steps.ensureAffiliates();
        progress.accept("constituency " + Reselection.CONSTITUENCY + ": 8 branches, " + Reselection.AFFILIATES.size()
                + " affiliates with two officers each; sitting MP " + SITTING_MP);
        int quorum = Math.max(2, memberCount / 200);
        DemoSelection.Prepared prepared = demo.prepare(Reselection.REGION, Reselection.CONSTITUENCY, memberCount,
                CANDIDATES, seed, committee, rulebook(quorum));
        String id = prepared.selectionId();
        List<String> branches = new ArrayList<>();
        for (int b = 1; b <= 8; b++) {
            branches.add(Reselection.CONSTITUENCY + "-B" + b);
        }
        List<Check> checks = Collections.synchronizedList(new ArrayList<>());

        // The trigger ballot.
        steps.openStep(id, Reselection.TRIGGER, Instant.now().plus(Duration.ofHours(1)));
        progress.accept("trigger ballot opened (2021 rule: one half of branches or of affiliates that voted)");
        List<Voted> triggerVotes = inEachBranch(branches, (branch, index) -> {
            Meeting m = meeting(id, branch, Reselection.TRIGGER, "Trigger ballot meeting", prepared.members(), quorum);
            double yesShare = index < BRANCHES_FOR_CONTEST ? 0.65 : 0.35;
            List<String> marks = new ArrayList<>();
            long yes = Math.round(yesShare * m.attendees().size());
            for (int i = 0; i < m.attendees().size(); i++) {
                marks.add(i < yes ? YES : NO);
            }
            String ballotId = steps.openVote(id, m.id(), "Do you wish a selection to be held?", "yes-no", null)
                    .expect(201).json().path("id").asText();
            Map<String, Long> cast = steps.vote(ballotId, m.attendees(), marks, Math.max(2, threads / 2));
            steps.closeVote(id, m.id(), ballotId);
            JsonNode result = steps.result(id, m.id(), ballotId);
            progress.accept(branch + ": " + m.attendees().size() + " attended, voted " + cast.getOrDefault(YES, 0L)
                    + " yes, " + cast.getOrDefault(NO, 0L) + " no (secret ballot " + ballotId + "): the branch votes "
                    + result.path("outcome").asText());
            return List.of(new Voted(ballotId, branch + " trigger vote", cast));
        });
        for (Reselection.Affiliate a : Reselection.AFFILIATES) {
            JsonNode ret = steps.confirmedReturn(a, id, Reselection.TRIGGER, TRIGGER_RETURNS.get(a.code()));
            progress.accept(a.code() + " returned " + ret.path("vote").asText() + ": entered by " + a.chair()
                    + ", confirmed by " + a.secretary() + ", digest " + ret.path("digest").asText());
        }
        JsonNode trigger = Reselection.outcome(steps.closeStep(id, Reselection.TRIGGER));
        int units = trigger.path("units").size();
        int yes = 0;
        for (JsonNode u : trigger.path("units")) {
            if ("yes".equals(u.path("vote").asText())) {
                yes++;
            }
        }
        boolean triggered = trigger.path("triggered").asBoolean();
        progress.accept("trigger counted: " + trigger.path("explanation").asText());
        triggerVotes.forEach(v -> checks.add(check(v)));
        if (!triggered) {
            progress.accept("not triggered: " + SITTING_MP + " is reselected and the selection ends");
            return new Outcome(prepared, units, yes, false, 0, List.of(), List.copyOf(checks));
        }

        // Nominations: exhaustive ballots at branch meetings, affiliates' returns, the shortlist by thresholds.
        steps.openStep(id, Reselection.NOMINATIONS, Instant.now().plus(Duration.ofHours(1)));
        progress.accept("nominations opened; " + SITTING_MP + " is free to stand");
        List<Voted> rounds = inEachBranch(branches, (branch, index) -> {
            Meeting m = meeting(id, branch, Reselection.NOMINATIONS, "Nomination meeting", prepared.members(), quorum);
            return exhaustive(id, branch, m, seed + index);
        });
        for (Reselection.Affiliate a : Reselection.AFFILIATES) {
            steps.confirmedReturn(a, id, Reselection.NOMINATIONS, NOMINATION_RETURNS.get(a.code()));
            progress.accept(a.code() + " nominated " + NOMINATION_RETURNS.get(a.code()) + " (confirmed by "
                    + a.secretary() + ")");
        }
        JsonNode nominations = Reselection.outcome(steps.closeStep(id, Reselection.NOMINATIONS));
        if (nominations.path("shortlist").isMissingNode()) {
            nominations = Reselection.outcome(api.get(admin, "/api/ballots/selections/" + id + "/steps/"
                    + Reselection.NOMINATIONS).expect(200).json());
        }
        List<String> shortlist = new ArrayList<>();
        nominations.path("shortlist").forEach(c -> shortlist.add(c.isObject() ? c.path("name").asText() : c.asText()));
        progress.accept("nominations closed after " + rounds.size() + " rounds; shortlist by threshold: " + shortlist);
        rounds.forEach(v -> checks.add(check(v)));
        return new Outcome(prepared, units, yes, true, rounds.size(), List.copyOf(shortlist), List.copyOf(checks));
    }

    /** The candidates not shortlisted withdraw before the final ballot, so its paper is the shortlist. */
    public void withdrawAllBut(String selectionId, List<String> shortlist) {
        for (String name : CANDIDATES) {
            if (!shortlist.contains(name)) {
                api.post(admin, "/api/ballots/selections/" + selectionId + "/candidates/"
                                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
                                + "/withdraw", Map.of("reason", "not shortlisted")).expect(200, 204);
            }
        }
    }

    /** A meeting ballot as the demo's members cast it. */
    private record Voted(String ballotId, String what, Map<String, Long> cast) {
        long total() {
            return cast.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private record Meeting(String id, List<Members.Member> attendees) {
    }

    /** Scheduled, started once every committee member was told, and attended by about a fifth of the branch. */
    private Meeting meeting(String selectionId, String branch, String step, String title, Members members, int quorum) {
        String meetingId = steps.scheduleMeeting(selectionId, branch, step, title + ", " + branch);
        steps.startWhenTold(selectionId, meetingId);
        List<Members.Member> roll = Reselection.ofBranch(members, branch);
        int attending = Math.min(roll.size(), Math.max(quorum, roll.size() / 5));
        List<Members.Member> attendees = roll.subList(0, attending);
        for (Members.Member m : attendees) {
            steps.attend(selectionId, meetingId, m.number()).expect(200, 201);
        }
        return new Meeting(meetingId, attendees);
    }

    /**
     * Rounds of an exhaustive ballot: each attendee marks their favourite continuing candidate; the one with fewest
     * is eliminated, as the round's result (counted by the platform, shown under its meeting) names, until a round's
     * result selects a candidate by majority.
     */
    private List<Voted> exhaustive(String selectionId, String branch, Meeting m, long branchSeed) {
        Preferences preferences = new Preferences(CANDIDATES, branchSeed);
        List<List<String>> rankings = new ArrayList<>();
        for (int i = 0; i < m.attendees().size(); i++) {
            List<String> ranking = new ArrayList<>(preferences.next());
            CANDIDATES.stream().filter(c -> !ranking.contains(c)).forEach(ranking::add);
            rankings.add(ranking);
        }
        List<String> continuing = new ArrayList<>(CANDIDATES);
        List<Voted> rounds = new ArrayList<>();
        while (true) {
            List<String> marks = new ArrayList<>();
            for (List<String> r : rankings) {
                marks.add(r.stream().filter(continuing::contains).findFirst().orElseThrow());
            }
            String ballotId = steps.openVote(selectionId, m.id(), "Nomination, round " + (rounds.size() + 1), "round",
                    continuing).expect(201).json().path("id").asText();
            Map<String, Long> cast = steps.vote(ballotId, m.attendees(), marks, Math.max(2, threads / 2));
            steps.closeVote(selectionId, m.id(), ballotId);
            rounds.add(new Voted(ballotId, branch + " nomination round " + (rounds.size() + 1), cast));
            JsonNode result = steps.result(selectionId, m.id(), ballotId);
            progress.accept(branch + " round " + rounds.size() + ": " + result.path("totals") + "; "
                    + result.path("explanation").asText());
            if (result.hasNonNull("outcome")) {
                progress.accept(branch + " nominates " + result.path("outcome").asText());
                return rounds;
            }
            String eliminated = result.path("eliminated").asText();
            if (!continuing.remove(eliminated)) {
                throw new IllegalStateException("the round eliminated no continuing candidate: " + result);
            }
        }
    }

    /**
     * A released meeting ballot checked as anyone can: a whole record verified and holding every vote cast; one
     * released as totals only (fewer voters than the rulebook's minimum) has no record to verify, so its published
     * totals are compared with the votes cast.
     */
    private Check check(Voted v) {
        JsonNode result = api.until(() -> api.get(null, "/api/tally/public/ballots/" + v.ballotId() + "/result"),
                Set.of(404, 409), EVENTUAL).expect(200).json();
        if (result.path("totalsOnly").asBoolean()) {
            Map<String, Long> published = new LinkedHashMap<>();
            result.path("stages").path(0).path("tallies").fields().forEachRemaining(e ->
                    published.put(e.getKey(), new BigDecimal(e.getValue().asText()).longValue()));
            boolean agree = result.path("votes").asLong() == v.total() && v.cast().entrySet().stream()
                    .allMatch(e -> published.getOrDefault(e.getKey(), 0L).equals(e.getValue()));
            return new Check(v.ballotId(), v.what(), true, agree, agree ? "totals only: " + published
                    + " as cast" : "totals only: published " + published + ", cast " + v.cast());
        }
        RecordDocument record = RecordCodec.read(demo.record(v.ballotId(), "json"));
        VerificationReport report = RecordVerifier.verify(record);
        boolean whole = record.entries().size() == v.total();
        return new Check(v.ballotId(), v.what(), false, report.passed() && whole, (report.passed() ? "record verified"
                : "record FAILED verification") + ", " + record.entries().size() + " of " + v.total() + " votes");
    }

    private interface BranchWork {
        List<Voted> run(String branch, int index);
    }

    /** The branches' meetings run side by side, as they would in an evening; results in branch order. */
    private List<Voted> inEachBranch(List<String> branches, BranchWork work) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(branches.size(), Math.max(1, threads)));
        try {
            List<Future<List<Voted>>> futures = new ArrayList<>();
            for (int i = 0; i < branches.size(); i++) {
                String branch = branches.get(i);
                int index = i;
                futures.add(pool.submit(() -> work.run(branch, index)));
            }
            List<Voted> all = new ArrayList<>();
            for (Future<List<Voted>> f : futures) {
                all.addAll(f.get());
            }
            return all;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
