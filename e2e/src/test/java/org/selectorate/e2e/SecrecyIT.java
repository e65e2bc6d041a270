package org.selectorate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.DemoSelection;
import org.selectorate.cli.demo.Mailbox;
import org.selectorate.cli.demo.Members;
import org.selectorate.cli.demo.Preferences;
import org.selectorate.cli.demo.Voter;
import org.selectorate.devstack.Ports;
import org.selectorate.devstack.Stack;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.tracker.Tracker;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plays the adversary the threat model names (docs/threat-model.md): after a ballot of a few hundred voters who
 * arrive at random and cast with the reference client's hold, it takes everything an official and an operator can
 * read — the marked register, every table of every service's database in physical order, both Kafka topics from
 * the start, the public record with its signed heads — and tries to pair members with votes by every order it
 * finds. It must do no better than chance.
 * <p>
 * The statistic: an attack that lines up an order of members with an order of votes and pairs them rank by rank
 * gets L pairs right. The record publishes which votes came in which batch (one signed head per batch) and, by
 * design, nothing of the order within one: so chance is a uniform order inside each batch, under which L is close
 * to Poisson(E) with E the sum, over ranks, of 1/(batch size) where the member's vote is in the batch of that rank
 * (E = 1 for one batch; more when batches follow issue order roughly, as they must). The test fails if any attack
 * gets an L whose chance, P(Poisson(E) >= L), is below 8.3e-5 (the tail of Poisson(1) at 7). The same attack on the
 * casts' true order (what the platform must not keep) is printed beside it.
 */
@ExtendWith(RunningPlatform.class)
class SecrecyIT {
    private static final List<String> CANDIDATES = List.of("Alex Rivera", "Bilal Chaudhry", "Catherine Osei", "Dana Whitfield");
    private static final int MEMBERS = 300;
    private static final int VOTERS = 240;
    /**
     * Voters arrive as a Poisson process over about this long... Only the shape of the timing matters (the record mixes
     * by count, a batch per 50 held casts, not by time), so the ballot is played fast: 20 s of arrivals and a hold up to
     * 30 s orders issues and casts as 60 s and 90 s would, in a third of the time.
     */
    private static final Duration ARRIVALS = Duration.ofSeconds(20);
    /** ...and each holds their credential up to this long before casting, as the reference client does. */
    private static final Duration HOLD = Duration.parse(System.getProperty("selectorate.secrecy.hold", "PT30S"));
    /** P(Poisson(1) >= 7): how unlikely by chance a pairing must be to fail the test. */
    private static final double SIGNIFICANCE = 8.3e-5;

    private final Stack stack = RunningPlatform.devstack().stack();
    private final Api api = new Api(stack.gatewayUrl(), stack.issuer(), stack.clientSecret(Stack.SERVICES_CLIENT));
    private final Mailbox mailbox = new Mailbox(stack.mailApiUrl());
    private final ObjectMapper json = new ObjectMapper();

    /** What the test knows and the adversary must not: each voter's tracker, and the order casts really came in. */
    private record Truth(Map<String, String> trackerOf, List<String> castOrder, List<String> issueOrder) {
    }

    @Test
    void nothingAnOfficialOrOperatorReadsPairsMembersWithVotesBetterThanChance() throws Exception {
        String admin = api.token("hq", "hq-demo");
        DemoSelection demo = new DemoSelection(api, mailbox, admin, System.out::println);
        String area = "S" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        DemoSelection.Opened opened = demo.open("DEMO", area + "-C", MEMBERS, CANDIDATES, 17, List.of());
        Truth truth = vote(opened);
        demo.closeAndCount(opened, api.token("scrutineer", "scrutineer-demo"));
        Map<String, String> memberByEmail = new HashMap<>();
        opened.members().all().forEach(m -> memberByEmail.put(m.email(), m.number()));

        // Orders of members (who was issued a ballot), as the adversary can read them.
        Map<String, List<String>> memberOrders = new LinkedHashMap<>();
        memberOrders.put("marked register, physical row order (ballot database)",
                column("ballot", "select membership_number from marked_register where ballot_id = cast(? as uuid) order by ctid",
                        opened.ballotId()));
        memberOrders.put("credentials topic, offset order (Kafka)", topic(Ports.KAFKA, "selectorate.credentials",
                opened.ballotId(), payload -> "org.selectorate.ballot.CredentialIssued".equals(payload.type())
                        ? memberByEmail.get(payload.json().path("email").asText()) : null));
        memberOrders.put("'issued in your name' alerts, row order (notification database)",
                column("notification", "select recipient from member_alert where ballot_id = ? and kind = 'credential-issued' "
                        + "order by ctid", opened.ballotId()).stream().map(memberByEmail::get).toList());

        // Orders of votes (trackers), as the adversary can read them.
        Map<String, List<String>> voteOrders = new LinkedHashMap<>();
        voteOrders.put("public record, entry order (tally database and export)",
                column("tally", "select tracker from record_entry where ballot_id = ? order by seq", opened.ballotId()));
        voteOrders.put("public record, physical row order (tally database)",
                column("tally", "select tracker from record_entry where ballot_id = ? order by ctid", opened.ballotId()));
        voteOrders.put("casts topic, offset order (Kafka)", topic(Ports.KAFKA, "selectorate.casts", opened.ballotId(),
                payload -> {
                    JsonNode token = payload.json().path("token");
                    return token.isTextual() ? Tracker.forToken(opened.ballotId(), Token.fromEncoded(token.asText())).value() : null;
                }));

        assertEquals(VOTERS, voteOrders.get("public record, entry order (tally database and export)").size(),
                "every cast is on the record");
        assertTrue(column("ballot", "select data_type from information_schema.columns where table_name = 'marked_register' "
                + "and column_name like 'marked%'", null).stream().allMatch("date"::equals),
                "the marked register keeps the day, no finer time");
        long relayDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!column("ballot", "select type from outbox_event where event_key = ?", opened.ballotId()).isEmpty()
                && System.nanoTime() < relayDeadline) {
            Api.sleep(500);
        }
        assertEquals(List.of(), column("ballot", "select type from outbox_event where event_key = ?", opened.ballotId()),
                "relayed events are not kept");

        // The batches as the record publishes them: each signed head ends one.
        List<Integer> heads = column("tally", "select cast(tree_size as text) from tree_head where ballot_id = ? "
                + "order by tree_size", opened.ballotId()).stream().map(Integer::valueOf).toList();
        System.out.printf("secrecy: %d voters, Poisson arrivals over %s, casts held up to %s, %d batches on the record; "
                + "a rank-by-rank pairing of two orders gets L right; by chance (a uniform order in each batch) "
                + "L ~ Poisson(E); fails if P(L or more) < %.1e%n", VOTERS, ARRIVALS, HOLD, heads.size(), SIGNIFICANCE);
        System.out.printf("  control: true issue order x true cast order (what the platform must not keep): L = %d%n",
                links(truth.issueOrder(), truth.castOrder(), truth));
        double worst = 1;
        String worstPairing = "";
        for (var members : memberOrders.entrySet()) {
            for (var votes : voteOrders.entrySet()) {
                if (members.getValue().isEmpty() || votes.getValue().isEmpty()) {
                    System.out.printf("  %s x %s: nothing to pair (%s)%n", members.getKey(), votes.getKey(),
                            members.getValue().isEmpty() ? "no such member order is kept" : "no such vote order is readable");
                    continue;
                }
                int l = links(members.getValue(), votes.getValue(), truth);
                double e = expectedByChance(members.getValue(), votes.getValue(), heads, truth);
                double p = poissonTail(e, l);
                if (p < worst) {
                    worst = p;
                    worstPairing = members.getKey() + " x " + votes.getKey() + ": L = " + l + ", E = " + e;
                }
                System.out.printf("  %s x %s: L = %d of %d, E = %.2f, P(L or more by chance) = %.2g%n", members.getKey(),
                        votes.getKey(), l, Math.min(members.getValue().size(), votes.getValue().size()), e, p);
            }
        }
        assertTrue(worst >= SIGNIFICANCE, "an order kept by the platform pairs members with their votes better than "
                + "chance allows (" + worstPairing + ")");
        assertTrue(!memberOrders.values().stream().allMatch(List::isEmpty),
                "the attack must have had an order of members to work with (the register is never empty)");
    }

    /** Rank-by-rank pairing: the i-th member of one order with the i-th vote of the other; how many are right. */
    private static int links(List<String> members, List<String> trackers, Truth truth) {
        int right = 0;
        for (int i = 0; i < Math.min(members.size(), trackers.size()); i++) {
            String m = members.get(i);
            if (m != null && trackers.get(i) != null && trackers.get(i).equals(truth.trackerOf().get(m))) {
                right++;
            }
        }
        return right;
    }

    /**
     * E[L] when each batch's order is uniform: rank i pairs the i-th member with a vote drawn from the batch holding
     * rank i, so it is right with probability 1/(batch size) if that member's vote is in that batch.
     */
    private static double expectedByChance(List<String> members, List<String> trackers, List<Integer> heads, Truth truth) {
        Map<String, Integer> rankOf = new HashMap<>();
        for (int i = 0; i < trackers.size(); i++) {
            rankOf.put(trackers.get(i), i);
        }
        double e = 0;
        for (int i = 0; i < Math.min(members.size(), trackers.size()); i++) {
            int start = 0;
            int end = trackers.size();
            for (int size : heads) {
                if (size > i) {
                    end = size;
                    break;
                }
                start = size;
            }
            Integer rank = rankOf.get(truth.trackerOf().get(members.get(i)));
            if (rank != null && rank >= start && rank < end) {
                e += 1.0 / (end - start);
            }
        }
        return e;
    }

    /** P(X >= k) for X ~ Poisson(lambda). */
    static double poissonTail(double lambda, int k) {
        double term = Math.exp(-lambda);
        double below = 0;
        for (int j = 0; j < k; j++) {
            below += term;
            term *= lambda / (j + 1);
        }
        return Math.max(0, 1 - below);
    }

    /** Voters arrive at random, redeem their code, hold the credential for a random time, cast. */
    private Truth vote(DemoSelection.Opened opened) throws Exception {
        Voter voter = new Voter(api);
        Voter.PublishedBallot ballot = Voter.PublishedBallot.fetch(api, opened.ballotId());
        List<Members.Member> electors = new ArrayList<>(opened.members().eligible());
        Random random = new Random(4242);
        Collections.shuffle(electors, random);
        Preferences preferences = new Preferences(opened.candidates(), 4242);
        Voter.Hold hold = new Voter.Hold(HOLD);
        Map<String, String> trackerOf = new ConcurrentHashMap<>();
        List<String> castOrder = Collections.synchronizedList(new ArrayList<>());
        List<String> issueOrder = Collections.synchronizedList(new ArrayList<>());
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < VOTERS; i++) {
            codes.add(mailbox.accessCode(electors.get(i).email(), opened.ballotId(), Duration.ofMinutes(2)));
        }
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(16);
        List<Future<?>> issued = new ArrayList<>();
        double meanGap = (double) ARRIVALS.toMillis() / VOTERS;
        long at = 0;
        try {
            for (int i = 0; i < VOTERS; i++) {
                at += (long) (-Math.log(1 - random.nextDouble()) * meanGap);
                Members.Member member = electors.get(i);
                List<String> ranking = preferences.next();
                long wait = hold.drawMillis(random);
                String code = codes.get(i);
                issued.add(clock.schedule(() -> {
                    Voter.Held held = voter.credential(ballot, code);
                    issueOrder.add(member.number());
                    return clock.schedule(() -> {
                        String tracker = voter.cast(held, ranking).tracker();
                        trackerOf.put(member.number(), tracker);
                        castOrder.add(tracker);
                    }, wait, TimeUnit.MILLISECONDS);
                }, at, TimeUnit.MILLISECONDS));
            }
            for (Future<?> f : issued) {
                ((Future<?>) f.get()).get();
            }
        } finally {
            clock.shutdownNow();
        }
        return new Truth(Map.copyOf(trackerOf), List.copyOf(castOrder), List.copyOf(issueOrder));
    }

    /** One column of a query on a service's database, as an operator with database access reads it. */
    private List<String> column(String database, String sql, String parameter) throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + stack.ports().of(Ports.POSTGRES) + "/" + database;
        // Each service's own role: what whoever holds that service's database credentials reads.
        try (Connection c = DriverManager.getConnection(url, database, stack.databasePassword(database));
             var statement = c.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
            }
            return out;
        }
    }

    private record Payload(String type, JsonNode json) {
    }

    /**
     * A topic's records for one ballot (its key), from the start, in offset order, each read by {@code reader} (null:
     * not one it can read). What an operator with access to the broker sees.
     */
    private List<String> topic(String kafka, String topic, String ballotId, Function<Payload, String> reader) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + stack.ports().of(kafka));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!ballotId.equals(r.key())) {
                        continue;
                    }
                    var type = r.headers().lastHeader("ce_type");
                    String read;
                    try {
                        read = reader.apply(new Payload(type == null ? null : new String(type.value()), json.readTree(r.value())));
                    } catch (Exception e) {
                        read = null; // sealed or not an event of this kind: nothing to order by
                    }
                    if (read != null) {
                        out.add(read);
                    }
                }
            }
            return out;
        }
    }
}
