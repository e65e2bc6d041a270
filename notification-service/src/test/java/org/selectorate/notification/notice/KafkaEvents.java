package org.selectorate.notification.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jose4j.jwt.JwtClaims;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plays the other services in tests: produces their CloudEvents and reads what notification-service emits. */
public final class KafkaEvents {
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private KafkaEvents() {
    }

    public static void send(String topic, String key, String type, Object payload) {
        send(topic, key, type, payload, UUID.randomUUID().toString());
    }

    /** With the event id given: the same id twice is a redelivery. */
    public static void send(String topic, String key, String type, Object payload, String id) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, JSON.writeValueAsString(payload));
            record.headers().add("ce_specversion", bytes("1.0"));
            record.headers().add("ce_id", bytes(id));
            record.headers().add("ce_type", bytes(type));
            record.headers().add("ce_source", bytes("urn:selectorate:test"));
            record.headers().add("content-type", bytes("application/json"));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send a test event", e);
        }
    }

    /** Waits until {@code count} events of {@code type} keyed {@code key} are on {@code topic}; returns them read. */
    public static <T> List<T> await(String topic, String key, String type, int count, Class<T> as) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    var header = r.headers().lastHeader("ce_type");
                    if (key.equals(r.key()) && header != null
                            && type.equals(new String(header.value(), StandardCharsets.UTF_8))) {
                        found.add(JSON.readValue(r.value(), as));
                    }
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " " + type + " for " + key + ", found " + found.size());
        }
        return found;
    }

    /** Switches the test's caller; their token's claims name {@code regions}. */
    public static void as(TestIdentityAssociation identities, String user, String role, String... regions) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(user);
        claims.setClaim("preferred_username", user);
        claims.setClaim("regions", List.of(regions));
        identities.setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal(claims)).addRole(role).build());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
