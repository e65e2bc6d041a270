package org.selectorate.ballot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.organisation.ConstituencyCreated;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/** Plays the other services in tests: produces their CloudEvents and reads what ballot-service emits. */
public final class TestEvents {
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TestEvents() {
    }

    /** Sends {@code payload} as a binary-mode CloudEvent; returns the event id, for redelivering it. */
    public static String send(String topic, String key, String type, Object payload) {
        return send(topic, key, type, payload, UUID.randomUUID().toString());
    }

    public static String send(String topic, String key, String type, Object payload, String eventId) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, JSON.writeValueAsString(payload));
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", eventId);
            header(record, "ce_type", type);
            header(record, "ce_source", "urn:selectorate:test");
            header(record, "content-type", "application/json");
            producer.send(record).get();
            return eventId;
        } catch (Exception e) {
            throw new IllegalStateException("could not send a test event", e);
        }
    }

    /** A constituency ballot-service knows, as if membership-service had announced it. Needs hq-admin. */
    public static String knownConstituency(String region) {
        String code = "C" + UUID.randomUUID().toString().substring(0, 8);
        send(Topics.ORGANISATION, code, ConstituencyCreated.TYPE, new ConstituencyCreated(code, "Town " + code, region));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/ballots/constituencies").then().statusCode(200).body("code", hasItem(code)));
        return code;
    }

    /** Waits until {@code count} events of {@code type} with {@code key} are on {@code topic}; returns them. */
    public static List<ConsumerRecord<String, String>> awaitEvents(String topic, String key, String type, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key()) && type.equals(header(r, "ce_type"))) {
                        found.add(r);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " " + type + " events for " + key + ", found " + found.size());
        }
        return found;
    }

    /** Every event of {@code type} with {@code key} on {@code topic} so far: reads each partition to its end. */
    public static List<ConsumerRecord<String, String>> allEvents(String topic, String key, String type) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key()) && type.equals(header(r, "ce_type"))) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    public static <T> T read(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return JSON.readValue(record.value(), type);
        } catch (Exception e) {
            throw new AssertionError("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
