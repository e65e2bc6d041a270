package org.selectorate.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One constituency's final ballot run through the platform's API as its people would: an admin sets up
 * the area, roll and selection; members vote online with the blind-signature protocol; the ballot closes
 * and is counted. Every step goes through the gateway.
 */
public final class DemoSelection {
    private static final Duration EVENTUAL = Duration.ofSeconds(120);
    /** Opening mails every elector at once; at national scale the last codes arrive minutes later. */
    private static final Duration MAIL = Duration.ofMinutes(15);
    private static final Set<Integer> NOT_YET = Set.of(404, 409);
    /** The record appends casts in mixed batches: an entry may wait for its batch, at worst until the close. */
    private static final Duration RECORDED = Duration.ofMinutes(30);

    private final Api api;
    private final Mailbox mailbox;
    private final String adminToken;
    private final Consumer<String> progress;
    // Waiting for an entry to appear must not hold a voter's thread, or it would slow the voting it measures.
    private final ExecutorService watchers = Executors.newCachedThreadPool(runnable -> {
        Thread t = new Thread(runnable, "record-watch");
        t.setDaemon(true);
        return t;
    });

    public DemoSelection(Api api, Mailbox mailbox, String adminToken, Consumer<String> progress) {
        this.api = api;
        this.mailbox = mailbox;
        this.adminToken = adminToken;
        this.progress = progress;
    }

    /** The set-up of one selection, up to an open ballot. */
    public record Opened(String region, String constituency, String selectionId, String ballotId,
                         List<String> candidates, Members members, long electorate) {
    }

    /** A selection committee member as appointed: who they are and the address their notices go to. */
    public record Seat(String name, String role, String email) {
    }

    /** The committee's notices as the ledger records them. */
    public record Notices(long committee, long notices, long delivered, long acknowledged) {
    }

    /** Seven members, two of them union representatives, as the rules for a selection committee ask. */
    public static List<Seat> committee(String constituency) {
        String domain = "@committee." + constituency.toLowerCase(java.util.Locale.ROOT) + ".selectorate.test";
        return List.of(
                new Seat("Morgan Hale", "procedures-secretary", "secretary" + domain),
                new Seat("Ruth Adebayo", "regional-representative", "regional" + domain),
                new Seat("Sam Kowalski", "nec-representative", "nec" + domain),
                new Seat("Priya Nair", "union-representative", "union.one" + domain),
                new Seat("Tom Gallagher", "union-representative", "union.two" + domain),
                new Seat("Hannah Osei", "constituency-officer", "chair" + domain),
                new Seat("Lewis Grant", "constituency-officer", "secretary.clp" + domain));
    }

    /** One vote as cast, kept by the caller to count independently. */
    public record CastVote(String tracker, List<String> ranking, long issueMillis, long castMillis) {
    }

    /** Creates the region if it is new; call once before opening selections in it concurrently. */
    public void region(String region) {
        api.post(adminToken, "/api/membership/regions", Map.of("code", region, "name", "Region " + region)).expect(201, 409);
    }

    /**
     * Sets up a selection and opens its final ballot. With a committee, each member is appointed before the
     * ballot is scheduled, so opening waits (through the notice gate) until every one of them was told.
     */
    public Opened open(String region, String constituency, int memberCount, List<String> candidates, long seed,
                       List<Seat> committee) {
        Prepared prepared = prepare(region, constituency, memberCount, candidates, seed, committee, Map.of());
        return openBallot(region, constituency, prepared, candidates);
    }

    /** Schedules and opens the final ballot of a prepared selection, whose standing candidates are {@code candidates}. */
    public Opened openBallot(String region, String constituency, Prepared prepared, List<String> candidates) {
        JsonNode ballot = api.post(adminToken, "/api/ballots/selections/" + prepared.selectionId() + "/ballots",
                Map.of("closesAt", Instant.now().plus(Duration.ofHours(2)).toString())).expect(201).json();
        String ballotId = ballot.get("id").asText();
        api.until(() -> api.post(adminToken, "/api/ballots/ballots/" + ballotId + "/open", Map.of()), NOT_YET, EVENTUAL)
                .expect(200, 204);
        api.until(() -> api.get(adminToken, "/api/tally/ballots/" + ballotId + "/progress"), NOT_YET, EVENTUAL).expect(200);
        progress.accept("opened ballot " + ballotId);
        return new Opened(region, constituency, prepared.selectionId(), ballotId, candidates, prepared.members(),
                prepared.electorate());
    }

    /**
     * Uploads the members file as it is generated (streamed through the gateway, never built whole) and, while a
     * large one is read, reports how far the import has got.
     */
    private JsonNode importMembers(String constituency, Members members) {
        String path = "/api/membership/constituencies/" + constituency + "/members";
        long[] shown = {0};
        return api.postStream(adminToken, path, "text/csv", members::csvStream, Duration.ofMinutes(30), () -> {
            Api.Reply state = api.get(adminToken, path + "/import");
            long rows = state.status() == 200 ? state.json().path("rows").asLong() : 0;
            if (rows > shown[0] && "running".equals(state.json().path("state").asText())) {
                shown[0] = rows;
                progress.accept("importing into " + constituency + ": " + rows + " rows read");
            }
        }).expect(200, 201).json();
    }

    /** A selection up to its frozen roll, before any ballot is scheduled. */
    public record Prepared(String selectionId, Members members, long electorate) {
    }

    /**
     * The area, its members, a selection (the demo's rulebook plus {@code rulebook} entries), its candidates
     * and committee, and the frozen roll.
     */
    public Prepared prepare(String region, String constituency, int memberCount, List<String> candidates, long seed,
                            List<Seat> committee, Map<String, Object> rulebook) {
        region(region);
        api.post(adminToken, "/api/membership/constituencies",
                Map.of("code", constituency, "name", "Constituency " + constituency, "region", region)).expect(201, 409);
        List<String> branches = new ArrayList<>();
        for (int b = 1; b <= 8; b++) {
            String code = constituency + "-B" + b;
            branches.add(code);
            api.post(adminToken, "/api/membership/branches",
                    Map.of("code", code, "name", "Branch " + b, "constituency", constituency)).expect(201, 409);
        }
        LocalDate freeze = LocalDate.now(ZoneOffset.UTC);
        Members members = Members.generate(constituency, branches, memberCount, freeze, seed);
        JsonNode report = importMembers(constituency, members);
        progress.accept("imported " + report.path("imported").asLong() + " members into " + constituency);

        api.until(() -> api.get(adminToken, "/api/ballots/constituencies"), Set.of(), EVENTUAL);
        Map<String, Object> rules = new LinkedHashMap<>(Map.of("minimumMonths", 6, "arrearsDisqualify", true,
                "tieBreak", "backwards", "seed", seed));
        rules.putAll(rulebook);
        JsonNode selection = api.until(() -> api.post(adminToken, "/api/ballots/selections", Map.of(
                        "constituency", constituency,
                        "title", "Selection of the parliamentary candidate for " + constituency,
                        "freezeDate", freeze.toString(),
                        "rulebook", rules)),
                Set.of(400, 404, 409), EVENTUAL).expect(201).json();
        String selectionId = selection.get("id").asText();
        for (String name : candidates) {
            api.post(adminToken, "/api/ballots/selections/" + selectionId + "/candidates", Map.of("name", name)).expect(201);
        }
        for (Seat seat : committee) {
            api.post(adminToken, "/api/ballots/selections/" + selectionId + "/committee",
                    Map.of("name", seat.name(), "role", seat.role(), "email", seat.email())).expect(201);
        }
        if (!committee.isEmpty()) {
            progress.accept("appointed a committee of " + committee.size());
        }
        // 800,000 members freeze in about a minute on a busy machine: past the client's usual 60 s.
        JsonNode roll = api.until(() -> api.post(adminToken, "/api/membership/selections/" + selectionId + "/roll/freeze",
                Map.of(), Duration.ofMinutes(15)), Set.of(404), EVENTUAL).expect(200, 201).json();
        long electorate = roll.path("electorate").asLong();
        progress.accept("froze the roll: " + electorate + " electors, root " + roll.path("merkleRoot").asText(roll.path("root").asText()));
        return new Prepared(selectionId, members, electorate);
    }

    /**
     * {@code voters} eligible members vote, each with their mailed access code, holding their credential for a
     * random time up to {@code hold} before casting (as the reference client does). Every {@code lagSample}-th
     * voter (0: none) then watches for their entry on the public record: {@link Voting#lags()} completes as entries
     * appear, which under the record's mixing may be only once the ballot closes.
     */
    public Voting vote(Opened opened, int voters, int threads, long seed, int lagSample, Voter.Hold hold) {
        return vote(opened, electors(opened, seed).subList(0, voters), threads, seed, lagSample, hold);
    }

    /** The eligible members in the order {@link #vote} takes its voters from, a shuffle by {@code seed}. */
    public static List<Members.Member> electors(Opened opened, long seed) {
        List<Members.Member> electors = new ArrayList<>(opened.members().eligible());
        Collections.shuffle(electors, new Random(seed));
        return electors;
    }

    /** As {@link #vote(Opened, int, int, long, int, Voter.Hold)}, by the members {@code electors}, each once. */
    public Voting vote(Opened opened, List<Members.Member> electors, int threads, long seed, int lagSample,
                       Voter.Hold hold) {
        int voters = electors.size();
        Voter.PublishedBallot ballot = Voter.PublishedBallot.fetch(api, opened.ballotId());
        Voter voter = new Voter(api);
        Preferences preferences = new Preferences(opened.candidates(), seed);
        List<List<String>> rankings = new ArrayList<>();
        for (int i = 0; i < voters; i++) {
            rankings.add(preferences.next());
        }
        Random holds = new Random(seed ^ 0x5eed);
        List<CastVote> cast = Collections.synchronizedList(new ArrayList<>());
        List<Future<Long>> lags = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // A held credential waits on a timer, not on a voter's thread; casting then takes a thread again.
        ScheduledExecutorService casting = Executors.newScheduledThreadPool(threads);
        try {
            List<Future<Future<?>>> issued = new ArrayList<>();
            for (int i = 0; i < voters; i++) {
                Members.Member member = electors.get(i);
                List<String> ranking = rankings.get(i);
                boolean sampled = lagSample > 0 && i % lagSample == 0;
                long wait = hold.drawMillis(holds);
                issued.add(pool.submit(() -> {
                    String code = mailbox.accessCode(member.email(), opened.ballotId(), MAIL);
                    Voter.Held held = voter.credential(ballot, code);
                    return casting.schedule(() -> {
                        Voter.Cast c = voter.cast(held, ranking);
                        long castAt = System.nanoTime();
                        cast.add(new CastVote(c.tracker(), ranking, c.issueMillis(), c.castMillis()));
                        if (sampled) {
                            lags.add(watchers.submit(() -> recordedAfter(opened.ballotId(), c.tracker(), castAt)));
                        }
                    }, wait, TimeUnit.MILLISECONDS);
                }));
            }
            for (Future<Future<?>> f : issued) {
                f.get().get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
            casting.shutdownNow();
        }
        return new Voting(List.copyOf(cast), List.copyOf(lags));
    }

    /** The votes cast, and the sampled voters' cast-to-recorded lags in milliseconds as they come. */
    public record Voting(List<CastVote> votes, List<Future<Long>> lags) {
    }

    private long recordedAfter(String ballotId, String tracker, long start) {
        api.until(() -> api.get(null, "/api/tally/public/ballots/" + ballotId + "/entries/" + tracker),
                Set.of(404), RECORDED).expect(200);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Stops watching for entries (the lags not yet known are abandoned). */
    public void close() {
        watchers.shutdownNow();
    }

    /** How many entries the ballot's public record holds so far. */
    public long recorded(String ballotId) {
        return api.get(adminToken, "/api/tally/ballots/" + ballotId + "/progress").expect(200).json().get("entries").asLong();
    }

    /**
     * Closes the ballot before its closing time and waits for the count; returns the published result. Closing
     * early takes two people: the admin's close becomes a proposal, which the scrutineer (a scrutineer of the
     * ballot's area) co-signs, approving the digest they read.
     */
    public JsonNode closeAndCount(Opened opened, String scrutineerToken) {
        close(opened, scrutineerToken);
        return result(opened.ballotId());
    }

    /** Closes the ballot early, as {@link #closeAndCount} does, without waiting for a count (papers wait for tellers). */
    public void close(Opened opened, String scrutineerToken) {
        JsonNode proposal = api.post(adminToken, "/api/ballots/ballots/" + opened.ballotId() + "/close",
                Map.of("reason", "every voter of the demonstration has voted")).expect(409).json().path("proposal");
        api.post(scrutineerToken, "/api/ballots/proposals/" + proposal.path("id").asText() + "/cosign",
                Map.of("reason", "checked: the demonstration's voting is over",
                        "digest", proposal.path("digest").asText())).expect(200);
    }

    /** The published result, once the ballot is counted. */
    public JsonNode result(String ballotId) {
        return api.until(() -> api.get(null, "/api/tally/public/ballots/" + ballotId + "/result"),
                NOT_YET, EVENTUAL).expect(200).json();
    }

    /**
     * Every serving committee member acknowledges each notice they received, as the page behind its mailed link
     * does when they press its button: a POST of the link (following the link alone acknowledges nothing); then the
     * ledger's figures for the serving committee (a removed member's notices stay in the
     * ledger but are not theirs to answer). Keeps answering until none of their notices is pending and each delivered
     * one is acknowledged, or two minutes pass.
     */
    public Notices acknowledgeNotices(Opened opened, List<Seat> committee) {
        Set<String> serving = new java.util.HashSet<>();
        api.get(adminToken, "/api/ballots/selections/" + opened.selectionId() + "/committee").expect(200).json()
                .forEach(seat -> serving.add(seat.path("email").asText()));
        // A second visit to a link changes nothing, so each pass answers every link found, and mail that arrives
        // late (the result's notice follows the count) is answered on a later pass.
        Instant deadline = Instant.now().plus(EVENTUAL);
        while (true) {
            for (Seat seat : committee) {
                for (String link : mailbox.acknowledgementLinks(seat.email())) {
                    api.postText(null, link, "application/x-www-form-urlencoded", "").expect(200);
                }
            }
            List<JsonNode> ledger = ledger(opened, serving);
            Notices notices = new Notices(serving.size(), ledger.size(), countWhere(ledger, "status", "delivered"),
                    ledger.stream().filter(n -> n.hasNonNull("acknowledgedAt")).count());
            boolean answered = countWhere(ledger, "status", "pending") == 0 && notices.acknowledged() >= notices.delivered();
            if (answered || Instant.now().isAfter(deadline)) {
                return notices;
            }
            Api.sleep(500);
        }
    }

    private List<JsonNode> ledger(Opened opened, Set<String> serving) {
        List<JsonNode> notices = new ArrayList<>();
        api.get(adminToken, "/api/notifications/selections/" + opened.selectionId() + "/notices").expect(200).json()
                .forEach(n -> {
                    if (serving.contains(n.path("recipient").asText())) {
                        notices.add(n);
                    }
                });
        return notices;
    }

    private static long countWhere(Iterable<JsonNode> nodes, String field, String value) {
        long n = 0;
        for (JsonNode node : nodes) {
            if (value.equals(node.path(field).asText())) {
                n++;
            }
        }
        return n;
    }
    public String record(String ballotId, String format) {
        String query = "blt".equals(format) ? "?format=blt" : "";
        return api.get(null, "/api/tally/public/ballots/" + ballotId + "/record" + query).expect(200).body();
    }

    /** First preferences per candidate of the votes cast, for an independent check of stage 1. */
    public static Map<String, Long> firstPreferences(List<CastVote> votes) {
        Map<String, Long> tally = new LinkedHashMap<>();
        votes.forEach(v -> tally.merge(v.ranking().get(0), 1L, Long::sum));
        return tally;
    }
}
