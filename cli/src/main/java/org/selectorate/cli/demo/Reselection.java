package org.selectorate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The steps of a selection before its final ballot, through the platform's API as the people who run them would:
 * an admin or the procedures secretary holds branch meetings (scheduled, every committee member told, started,
 * attendance, votes), members vote at them through the credential protocol, affiliates' officers enter and confirm
 * returns, an admin opens and closes the trigger and nominations steps. Used by {@code demo --scenario reselection}
 * and the end-to-end tests.
 */
public final class Reselection {
    /** The scenario's constituency: its affiliates' officers are demo users of the realm, scoped to these codes. */
    public static final String REGION = "NW";
    public static final String CONSTITUENCY = "NW-002";
    public static final List<Affiliate> AFFILIATES = List.of(
            new Affiliate("NW-002-UNISON", "UNISON North West", "union", "unison"),
            new Affiliate("NW-002-GMB", "GMB North West", "union", "gmb"),
            new Affiliate("NW-002-CWU", "CWU North West", "union", "cwu"),
            new Affiliate("NW-002-COOP", "Co-operative Party", "society", "coop"),
            new Affiliate("NW-002-SERA", "SERA", "society", "sera"));
    public static final String TRIGGER = "trigger";
    public static final String NOMINATIONS = "nominations";

    private static final Duration EVENTUAL = Duration.ofSeconds(120);
    private static final Duration MAIL = Duration.ofMinutes(5);

    private final Api api;
    private final Mailbox mailbox;
    private final String admin;
    private final Map<String, String> tokens = new LinkedHashMap<>();

    public Reselection(Api api, Mailbox mailbox, String adminToken) {
        this.api = api;
        this.mailbox = mailbox;
        this.admin = adminToken;
    }

    /** An affiliate of the scenario; its officers are the realm's {@code <officer>-chair} and {@code <officer>-sec}. */
    public record Affiliate(String code, String name, String kind, String officer) {
        public String chair() {
            return officer + "-chair";
        }

        public String secretary() {
            return officer + "-sec";
        }
    }

    /**
     * The constituency, its affiliates and their officers as membership-service records them (re-running changes
     * nothing), then waits until ballot-service has learnt every affiliate with both officers.
     */
    public void ensureAffiliates() {
        api.post(admin, "/api/membership/regions", Map.of("code", REGION, "name", "North West")).expect(201, 409);
        api.post(admin, "/api/membership/constituencies",
                Map.of("code", CONSTITUENCY, "name", "Reselection Demo", "region", REGION)).expect(201, 409);
        for (Affiliate a : AFFILIATES) {
            api.post(admin, "/api/membership/affiliates", Map.of("code", a.code(), "name", a.name(),
                    "constituency", CONSTITUENCY, "kind", a.kind())).expect(201, 409);
            for (String user : List.of(a.chair(), a.secretary())) {
                api.post(admin, "/api/membership/affiliates/" + a.code() + "/officers", Map.of("username", user,
                        "name", a.name() + " " + (user.endsWith("-chair") ? "Chair" : "Secretary"),
                        "email", user + "@demo.selectorate.test")).expect(201, 409);
            }
        }
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (!everyAffiliateLearnt()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("ballot-service has not learnt " + CONSTITUENCY + "'s affiliates");
            }
            Api.sleep(500);
        }
    }

    private boolean everyAffiliateLearnt() {
        Api.Reply units = api.get(admin, "/api/ballots/constituencies/" + CONSTITUENCY + "/units");
        if (units.status() != 200) {
            return false;
        }
        Map<String, Integer> officers = new LinkedHashMap<>();
        units.json().path("affiliates").forEach(a -> officers.put(a.path("code").asText(), a.path("officers").size()));
        return AFFILIATES.stream().allMatch(a -> officers.getOrDefault(a.code(), 0) >= 2);
    }

    /** A demo user's token (password {@code <user>-demo}), fetched once. */
    public synchronized String token(String user) {
        return tokens.computeIfAbsent(user, u -> api.token(u, u + "-demo"));
    }

    /** Opens a step with its returns deadline. */
    public JsonNode openStep(String selectionId, String step, Instant returnsDeadline) {
        return api.post(admin, path(selectionId, "/steps/" + step + "/open"),
                Map.of("returnsDeadline", returnsDeadline.toString())).expect(200, 201).json();
    }

    /** Closes a step: its meetings' votes are released, and a trigger is counted. */
    public JsonNode closeStep(String selectionId, String step) {
        return api.post(admin, path(selectionId, "/steps/" + step + "/close"), Map.of()).expect(200).json();
    }

    /** The step's published outcome (kept as JSON; read whether the view carries it as an object or as text). */
    public static JsonNode outcome(JsonNode step) {
        JsonNode outcome = step.path("outcome");
        if (outcome.isTextual()) {
            try {
                return Api.JSON.readTree(outcome.asText());
            } catch (IOException e) {
                throw new IllegalStateException("the step's outcome is not JSON: " + outcome.asText(), e);
            }
        }
        return outcome;
    }

    /** Schedules a branch's meeting for a step, starting in ten minutes (a meeting is scheduled ahead). */
    public String scheduleMeeting(String selectionId, String branch, String step, String title) {
        Instant starts = Instant.now().plus(Duration.ofMinutes(10));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("startsAt", starts.toString());
        body.put("endsAt", starts.plus(Duration.ofHours(2)).toString());
        body.put("location", "Online, " + branch);
        body.put("branch", branch);
        body.put("step", step);
        // A branch created a moment ago may not have reached ballot-service yet: its 400 names the branch.
        return api.until(() -> {
            Api.Reply r = api.post(admin, path(selectionId, "/meetings"), body);
            return r.status() == 400 && r.body().contains("branch") ? new Api.Reply(425, r.body()) : r;
        }, Set.of(425), EVENTUAL).expect(201).json().path("id").asText();
    }

    public Api.Reply start(String selectionId, String meetingId) {
        return api.post(admin, path(selectionId, "/meetings/" + meetingId + "/start"), Map.of());
    }

    /** Starts the meeting once every committee member's notice of it is delivered (the gate answers 409 until then). */
    public void startWhenTold(String selectionId, String meetingId) {
        api.until(() -> start(selectionId, meetingId), Set.of(409), EVENTUAL).expect(200);
    }

    /** Registers a member at a started meeting; retried while the roll has not reached ballot-service. */
    public Api.Reply attend(String selectionId, String meetingId, String membershipNumber) {
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (true) {
            Api.Reply r = api.post(admin, path(selectionId, "/meetings/" + meetingId + "/attendance"),
                    Map.of("membershipNumber", membershipNumber));
            if (!(r.status() == 409 && problem(r).equals("electorate-incomplete")) || Instant.now().isAfter(deadline)) {
                return r;
            }
            Api.sleep(500);
        }
    }

    /** Opens a vote at the meeting ({@code yes-no}, or a {@code round} of an exhaustive ballot naming its candidates). */
    public Api.Reply openVote(String selectionId, String meetingId, String question, String kind, List<String> candidates) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", question);
        body.put("kind", kind);
        if (candidates != null) {
            body.put("candidates", candidates);
        }
        body.put("closesAt", Instant.now().plus(Duration.ofHours(1)).toString());
        return api.post(admin, path(selectionId, "/meetings/" + meetingId + "/votes"), body);
    }

    /** Closes the meeting's vote (decided in the room). */
    public void closeVote(String selectionId, String meetingId, String ballotId) {
        api.post(admin, path(selectionId, "/meetings/" + meetingId + "/votes/" + ballotId + "/close"), Map.of())
                .expect(200);
    }

    /**
     * The vote's result once tally-service's count has reached ballot-service (the totals announced in the room and
     * what they decided); a step closed before it arrives would count the branch as not having voted.
     */
    public JsonNode result(String selectionId, String meetingId, String ballotId) {
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (true) {
            for (JsonNode v : votes(selectionId, meetingId)) {
                if (v.path("id").asText().equals(ballotId) && v.path("result").has("totals")) {
                    return v.path("result");
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no result shown for the meeting's vote " + ballotId);
            }
            Api.sleep(500);
        }
    }

    /** The meeting's votes, oldest first, each with its result once counted. */
    public JsonNode votes(String selectionId, String meetingId) {
        return api.get(admin, path(selectionId, "/meetings/" + meetingId + "/votes")).expect(200).json();
    }

    /**
     * Each attendee votes with the access code mailed to them, through the credential protocol, marking
     * {@code marks.get(i)}; returns how many marked each option.
     */
    public Map<String, Long> vote(String ballotId, List<Members.Member> voters, List<String> marks, int threads) {
        Voter.PublishedBallot ballot = Voter.PublishedBallot.fetch(api, ballotId);
        Voter voter = new Voter(api);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        Map<String, Long> cast = new LinkedHashMap<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < voters.size(); i++) {
                Members.Member member = voters.get(i);
                String mark = marks.get(i);
                done.add(pool.submit(() -> cast(voter, voter.credential(ballot,
                        mailbox.accessCode(member.email(), ballotId, MAIL)), mark)));
                cast.merge(mark, 1L, Long::sum);
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return cast;
    }

    /**
     * Casts, waiting while tally-service has not yet learnt of the ballot (404): the access code can reach the
     * member before {@code BallotOpened} reaches tally-service, and a meeting ballot has no progress to wait on.
     */
    private static Voter.Cast cast(Voter voter, Voter.Held held, String mark) {
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (true) {
            try {
                return voter.cast(held, List.of(mark));
            } catch (Api.ApiException e) {
                if (e.reply().status() != 404 || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Api.sleep(500);
            }
        }
    }

    /** An officer enters an affiliate's return. */
    public Api.Reply enter(String officer, String selectionId, String step, String affiliate, String vote) {
        return api.post(token(officer), path(selectionId, "/steps/" + step + "/returns"),
                Map.of("affiliate", affiliate, "vote", vote));
    }

    /** An officer (or scrutineer) confirms a return. */
    public Api.Reply confirm(String user, String selectionId, String step, String returnId) {
        return api.post(token(user), path(selectionId, "/steps/" + step + "/returns/" + returnId + "/confirm"), Map.of());
    }

    /** The affiliate's return entered by its chair and confirmed by its secretary. */
    public JsonNode confirmedReturn(Affiliate a, String selectionId, String step, String vote) {
        String id = enter(a.chair(), selectionId, step, a.code(), vote).expect(200, 201).json().path("id").asText();
        return confirm(a.secretary(), selectionId, step, id).expect(200).json();
    }

    /** The confirmed returns, as readers see them. */
    public JsonNode returns(String selectionId, String step) {
        return api.get(admin, path(selectionId, "/steps/" + step + "/returns")).expect(200).json();
    }

    /** The last segment of a problem's {@code type}, e.g. {@code already-attending}. */
    public static String problem(Api.Reply reply) {
        try {
            return reply.json().path("type").asText().replaceAll(".*/", "");
        } catch (IllegalStateException notJson) {
            return "";
        }
    }

    /** The eligible members of a branch. */
    public static List<Members.Member> ofBranch(Members members, String branch) {
        return members.eligible().stream().filter(m -> m.branch().equals(branch)).toList();
    }

    private static String path(String selectionId, String rest) {
        return "/api/ballots/selections/" + selectionId + rest;
    }
}
