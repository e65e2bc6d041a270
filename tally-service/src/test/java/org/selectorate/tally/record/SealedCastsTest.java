package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.cast.CastSubmitted;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.tracker.Tracker;
import org.selectorate.support.keys.KeyVault;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.tally.record.TallyPlatform.Voter;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Casts travel and wait sealed: an operator reading the casts topic or {@code pending_cast} in arrival order finds
 * no token, tracker, credential or vote to line up with the order credentials were issued; the key file opens them.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class SealedCastsTest {
    // Names of different lengths: a clear or unpadded cast would show which were ranked.
    private static final List<String> CANDIDATES = List.of("Annabel Quist", "Bartholomew Ruiz-Okonkwo", "Cy Oduya");

    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;
    @Inject
    KeyVault vault;

    @Test
    void aCastIsSealedOnTheCastsTopicAndWhileHeld() throws Exception {
        Ballot ballot = new TallyPlatform(json).open(CANDIDATES, List.of(), 13);
        FinalBallotTest.awaitKnown(ballot);
        Voter voter = ballot.voter();
        List<String> vote = List.of("Bartholomew Ruiz-Okonkwo", "Annabel Quist", "Cy Oduya");
        String tracker = ballot.cast(voter, vote).statusCode(202).extract().path("tracker");
        assertEquals(Tracker.forToken(ballot.id(), voter.token()).value(), tracker);
        CastSubmitted cast = new CastSubmitted(ballot.id(), voter.token().encoded(), voter.credential().prefix(),
                voter.credential().signature(), vote);
        List<String> secrets = secrets(cast, tracker);

        // Held: a lone cast waits for a second one or the close (min-batch 3, max-wait 2 s in tests).
        await().atMost(Duration.ofSeconds(30)).until(() -> held(ballot).size() == 1);
        Row row = held(ballot).get(0);
        String everyColumn = row.getString("every_column");
        for (String secret : secrets) {
            assertFalse(everyColumn.contains(secret), "pending_cast holds " + secret + " in clear: " + everyColumn);
        }
        assertEquals(cast, json.readValue(vault.open(row.getBuffer("sealed").getBytes(), "held-cast:" + ballot.id()),
                CastSubmitted.class), "the key file opens a held cast");
        // The endpoint finds the held token by its keyed hash.
        ballot.cast(voter, vote).statusCode(409).body("type", containsString("credential-used"));

        List<ConsumerRecord<String, String>> sent = castsOnTopic(ballot, 1);
        for (String secret : secrets) {
            assertFalse(sent.get(0).value().contains(secret), "the casts topic holds " + secret + " in clear");
            for (Header header : sent.get(0).headers()) {
                assertFalse(new String(header.value(), StandardCharsets.UTF_8).contains(secret),
                        "header " + header.key() + " holds " + secret);
            }
        }
        assertEquals(cast, json.readValue(vault.open(Base64Url.decode(sent.get(0).value()), "cast:" + ballot.id()),
                CastSubmitted.class), "the key file opens the topic's cast");

        // A vote ranking one short name seals to the same size as one ranking all three.
        ballot.cast(ballot.voter(), List.of("Cy Oduya")).statusCode(202);
        List<ConsumerRecord<String, String>> both = castsOnTopic(ballot, 2);
        assertEquals(both.get(0).value().length(), both.get(1).value().length(),
                "a sealed cast's size says nothing of its vote");
    }

    /** What must not be readable: the token (text and bytes), tracker, credential, and the vote's names. */
    private static List<String> secrets(CastSubmitted cast, String tracker) {
        HexFormat hex = HexFormat.of();
        List<String> out = new ArrayList<>(List.of(cast.token(), hex.formatHex(Base64Url.decode(cast.token())),
                hex.formatHex(cast.token().getBytes(StandardCharsets.UTF_8)), tracker, cast.signature(),
                cast.prefix()));
        for (String name : cast.vote()) {
            out.add(name);
            out.add(hex.formatHex(name.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** The ballot's held casts: every column as text (bytea as hex), and the sealed cast. */
    private List<Row> held(Ballot ballot) {
        return pool.preparedQuery("select to_jsonb(p)::text as every_column, p.sealed from pending_cast p "
                        + "where p.ballot_id = $1")
                .execute(Tuple.of(ballot.id())).await().indefinitely().stream().toList();
    }

    /** The ballot's casts on the topic, as an operator reading the broker sees them, in offset order. */
    private static List<ConsumerRecord<String, String>> castsOnTopic(Ballot ballot, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.CASTS));
            Instant deadline = Instant.now().plusSeconds(30);
            while (out.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    Header type = r.headers().lastHeader("ce_type");
                    if (ballot.id().equals(r.key()) && type != null
                            && CastSubmitted.TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        out.add(r);
                    }
                }
            }
        }
        assertEquals(expected, out.size());
        return out;
    }
}
