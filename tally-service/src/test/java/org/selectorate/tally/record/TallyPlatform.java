package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.BallotReleased;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What the other services and the voters do, for the tally tests: ballot-service's events (with a real
 * RFC 9474 issuer key held by the test), and voters running the blind-signature protocol against it.
 */
final class TallyPlatform {
    static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper json;

    TallyPlatform(ObjectMapper json) {
        this.json = json;
    }

    /** A ballot as ballot-service would open it, with the issuer's private key kept here. */
    record Ballot(String id, BlindSigningKey issuer) {
        /** A voter's credential: the token, blinded, signed by the issuer, unblinded. */
        Voter voter() {
            Token token = Token.random(RANDOM);
            BlindingSession session = issuer.publicKey().blind(CredentialMessage.of(id, token), RANDOM);
            return new Voter(token, session.finish(issuer.blindSign(session.blindedMessage())));
        }

        ValidatableResponse cast(Voter voter, List<String> vote) {
            Map<String, Object> body = new HashMap<>();
            body.put("token", voter.token().encoded());
            body.put("prefix", voter.credential().prefix());
            body.put("signature", voter.credential().signature());
            body.put("vote", vote);
            return given().contentType(ContentType.JSON).body(body)
                    .post("/api/tally/public/ballots/" + id + "/casts").then();
        }
    }

    record Voter(Token token, Credential credential) {
    }

    Ballot open(List<String> candidates, List<String> withdrawn, long seed) throws Exception {
        return open(candidates, withdrawn, seed, Duration.ofDays(7));
    }

    Ballot open(List<String> candidates, List<String> withdrawn, long seed, Duration closesIn) throws Exception {
        return open("ballot-" + UUID.randomUUID().toString().substring(0, 8), candidates, withdrawn, seed, closesIn);
    }

    Ballot open(String id, List<String> candidates, List<String> withdrawn, long seed, Duration closesIn)
            throws Exception {
        return open(id, candidates, withdrawn, seed, closesIn, BallotOpened.FINAL, null);
    }

    /** A vote at a meeting: its record is withheld until {@link #release}. */
    Ballot openMeeting(List<String> candidates) throws Exception {
        String id = "meeting-ballot-" + UUID.randomUUID().toString().substring(0, 8);
        return open(id, candidates, List.of(), 5, Duration.ofDays(1), BallotOpened.MEETING, "meeting-" + id);
    }

    private Ballot open(String id, List<String> candidates, List<String> withdrawn, long seed, Duration closesIn,
                        String kind, String meetingId) throws Exception {
        BlindSigningKey issuer = BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED, RANDOM);
        send(Topics.BALLOTS, id, BallotOpened.TYPE, json.writeValueAsString(
                opened(id, candidates, withdrawn, seed, closesIn, issuer, kind, meetingId)));
        return new Ballot(id, issuer);
    }

    BallotOpened opened(String id, List<String> candidates, List<String> withdrawn, long seed, Duration closesIn,
                        BlindSigningKey issuer, String kind, String meetingId) {
        Instant now = Instant.now();
        return new BallotOpened(id, "selection-" + id, "C-SOUTH", "South final ballot", candidates,
                withdrawn, "av", "backwards", seed, now, now.plus(closesIn),
                issuer.publicKey().encoded(), issuer.publicKey().variant().id(),
                "{\"version\":3,\"freezeMonths\":6}", 100, kind, meetingId, 1);
    }

    /** ballot-service's release of a meeting ballot as its step closes; returns the event's id. */
    String release(Ballot ballot, boolean totalsOnly) throws Exception {
        String eventId = UUID.randomUUID().toString();
        send(Topics.BALLOTS, ballot.id(), BallotReleased.TYPE, json.writeValueAsString(new BallotReleased(
                ballot.id(), "selection-" + ballot.id(), "trigger", totalsOnly, Instant.now())), eventId);
        return eventId;
    }

    void close(Ballot ballot, long onlineIssued) throws Exception {
        send(Topics.BALLOTS, ballot.id(), BallotClosed.TYPE, json.writeValueAsString(
                new BallotClosed(ballot.id(), Instant.now(), Map.of("online", onlineIssued))));
    }

    /** A close with ballot-service's figures for the anomaly flags. */
    void close(Ballot ballot, long onlineIssued, Map<String, BallotClosed.BranchTurnout> turnout,
               Map<String, Long> issuancesByHour) throws Exception {
        send(Topics.BALLOTS, ballot.id(), BallotClosed.TYPE, json.writeValueAsString(new BallotClosed(ballot.id(),
                Instant.now(), Map.of("online", onlineIssued), Map.of(), turnout, issuancesByHour)));
    }

    /** The ballot's one event of {@code type} on the results topic; fails if there are none or several. */
    JsonNode oneResultEvent(Ballot ballot, String type) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "tally-test-" + UUID.randomUUID());
        List<String> payloads = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = await().atMost(Duration.ofSeconds(30)).until(
                    () -> consumer.partitionsFor(Topics.RESULTS).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList(),
                    found -> !found.isEmpty());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // The relay sends within a second or two; then keep reading a little for any second event.
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Header ce = r.headers().lastHeader("ce_type");
                    if (ballot.id().equals(r.key()) && ce != null
                            && type.equals(new String(ce.value(), StandardCharsets.UTF_8))) {
                        payloads.add(r.value());
                    }
                }
                if (!payloads.isEmpty() && until - System.nanoTime() > Duration.ofSeconds(3).toNanos()) {
                    until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        assertEquals(1, payloads.size(), type + " events for " + ballot.id() + ": " + payloads);
        JsonNode event = json.readTree(payloads.get(0));
        assertNotNull(event.get("ballotId"));
        return event;
    }

    /** Produces a CloudEvent (binary mode) as another service's outbox relay would. */
    static void send(String topic, String key, String type, String payload) throws Exception {
        send(topic, key, type, payload, UUID.randomUUID().toString());
    }

    /** The same, with the event's id: the same id twice is a redelivery of one event. */
    static void send(String topic, String key, String type, String payload, String id) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedPlatform.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", id);
            header(record, "ce_type", type);
            header(record, "ce_source", "urn:selectorate:test");
            header(record, "content-type", "application/json");
            producer.send(record).get();
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
