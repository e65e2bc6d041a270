package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.cast.CastSubmitted;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.testkit.EmbeddedPlatform;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Casts reach the record only in shuffled batches of at least min-batch (15 here, and a wait long enough never to
 * come into play), all of them at the close, each batch under one head dated to the minute: the record's order is
 * not the order the casts came in.
 */
@QuarkusTest
@TestProfile(ShuffledBatchesTest.LargeBatches.class)
@WithTestResource(EmbeddedPlatform.class)
class ShuffledBatchesTest {
    private static final int MIN_BATCH = 15;
    private static final int CASTS = 40;
    private static final List<String> CANDIDATES = List.of("Ann", "Ben", "Cat");

    public static class LargeBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("selectorate.tally.mix.min-batch", String.valueOf(MIN_BATCH),
                    "selectorate.tally.mix.max-wait", "10m");
        }
    }

    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;

    @Test
    void castsAreAppendedInShuffledBatchesAndAllOfThemAtTheClose() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(CANDIDATES, List.of(), 11);
        FinalBallotTest.awaitKnown(ballot);

        // Arrival order: each cast is on the broker (202) before the next is sent, and one partition holds them all.
        List<String> arrival = new ArrayList<>();
        for (int i = 0; i < MIN_BATCH - 1; i++) {
            arrival.add(cast(ballot, i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("pending_cast", ballot) == MIN_BATCH - 1);
        assertEquals(0, count("record_entry", ballot), "nothing is on the record before min-batch casts are held");
        assertEquals(0, count("tree_head", ballot), "and nothing is signed");
        given().get(FinalBallotTest.base(ballot) + "/entries/" + arrival.get(0)).then().statusCode(404);

        arrival.add(cast(ballot, MIN_BATCH - 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("record_entry", ballot) == MIN_BATCH);
        assertEquals(0, count("pending_cast", ballot), "a mix takes every held cast");
        assertEquals(1, count("tree_head", ballot), "one head per mix");

        for (int i = MIN_BATCH; i < CASTS; i++) {
            arrival.add(cast(ballot, i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("pending_cast", ballot) + count("record_entry", ballot) == CASTS);
        platform.close(ballot, CASTS);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get(FinalBallotTest.base(ballot) + "/result").then().statusCode(200));
        assertEquals(0, count("pending_cast", ballot), "the close mixes in every held cast");

        RecordDocument record = RecordCodec.read(given().get(FinalBallotTest.base(ballot) + "/record").then()
                .statusCode(200).extract().asString());
        VerificationReport report = RecordVerifier.verify(record);
        assertTrue(report.passed(), report.format());

        // Every cast exactly once.
        List<String> recorded = record.entries().stream().map(RecordEntry::tracker).toList();
        assertEquals(CASTS, recorded.size());
        Map<String, Integer> arrived = new HashMap<>();
        for (int i = 0; i < arrival.size(); i++) {
            arrived.put(arrival.get(i), i);
        }
        int[] permutation = recorded.stream().mapToInt(t -> {
            Integer at = arrived.get(t);
            assertTrue(at != null, "an entry that was never cast: " + t);
            return at;
        }).toArray();
        assertEquals(CASTS, java.util.Arrays.stream(permutation).distinct().count(), "each cast once");

        // Heads: one per mix, each mix at least min-batch casts but the last (the close), dated to the whole minute
        // and never earlier than the head before.
        List<SignedTreeHead> heads = record.treeHeads();
        assertEquals(CASTS, heads.get(heads.size() - 1).head().treeSize());
        Instant previous = Instant.EPOCH;
        long previousSize = 0;
        for (int i = 0; i < heads.size(); i++) {
            Instant at = Instant.parse(heads.get(i).head().timestamp());
            assertEquals(at.truncatedTo(ChronoUnit.MINUTES), at, "a head is dated to the minute");
            assertTrue(!at.isBefore(previous), "head times never go back");
            long size = heads.get(i).head().treeSize();
            if (i < heads.size() - 1) {
                assertTrue(size - previousSize >= MIN_BATCH, "a mix before the close holds min-batch casts at least");
            }
            previous = at;
            previousSize = size;
        }

        // The record's order is not the arrival order. Within each batch the order is a uniform permutation, so the
        // casts left in their arrival position are a sum of (at most three) fixed-point counts of uniform
        // permutations, about Poisson(3): more than 12 happens with probability 1.6e-5 (exact, for batches of
        // 15, 15 and 10). An append in arrival order leaves all 40 in place.
        int inPlace = 0;
        for (int seq = 0; seq < permutation.length; seq++) {
            inPlace += permutation[seq] == seq ? 1 : 0;
        }
        System.out.printf("mixed batches: heads at %s; %d of %d casts where they arrived (by chance ~Poisson(%d))%n",
                heads.stream().map(h -> h.head().treeSize()).toList(), inPlace, CASTS, heads.size());
        assertNotEquals(arrival, recorded, "the record must not keep the arrival order");
        assertTrue(inPlace <= 12, inPlace + " of " + CASTS + " casts are where they arrived");

        assertCastsStampedToTheHour(ballot);
    }

    /** The cast endpoint's Kafka records carry the hour, no finer, and no CloudEvents time. */
    private static void assertCastsStampedToTheHour(Ballot ballot) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int seen = 0;
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CASTS));
            Instant deadline = Instant.now().plusSeconds(30);
            while (seen < CASTS && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    var type = r.headers().lastHeader("ce_type");
                    if (ballot.id().equals(r.key()) && type != null
                            && CastSubmitted.TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        seen++;
                        assertEquals(0, r.timestamp() % Duration.ofHours(1).toMillis(), "stamped to the hour");
                        assertNull(r.headers().lastHeader("ce_time"));
                    }
                }
            }
        }
        assertEquals(CASTS, seen);
    }

    private String cast(Ballot ballot, int i) {
        return ballot.cast(ballot.voter(), List.of(CANDIDATES.get(i % CANDIDATES.size()))).statusCode(202)
                .extract().path("tracker");
    }

    private long count(String table, Ballot ballot) {
        return pool.preparedQuery("select count(*) from " + table + " where ballot_id = $1")
                .execute(Tuple.of(ballot.id())).await().indefinitely().iterator().next().getLong(0);
    }
}
