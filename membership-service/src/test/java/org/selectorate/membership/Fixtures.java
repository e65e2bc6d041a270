package org.selectorate.membership;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.selectorate.contracts.Topics;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Organisation set-up for tests: call from a test running as hq-admin. */
public final class Fixtures {
    public static final String HEADER = "membership_number,first_name,last_name,email,phone,address,branch,joined,"
            + "status,arrears\n";

    private Fixtures() {
    }

    public static String code(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates the region unless it exists. */
    public static void region(String region) {
        given().contentType(ContentType.JSON).body(Map.of("code", region, "name", "Region " + region))
                .post("/api/membership/regions");
    }

    public static void constituency(String region, String code) {
        region(region);
        given().contentType(ContentType.JSON).body(Map.of("code", code, "name", "Const " + code, "region", region))
                .post("/api/membership/constituencies").then().statusCode(201);
    }

    public static void branch(String constituency, String code) {
        given().contentType(ContentType.JSON).body(Map.of("code", code, "name", "Branch " + code,
                        "constituency", constituency))
                .post("/api/membership/branches").then().statusCode(201);
    }

    /** {@code n} valid rows: numbers {@code prefix0..}, branches round-robin, joined long ago, active. */
    public static String members(String prefix, int n, String... branches) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++) {
            csv.append(prefix).append(i).append(",First").append(i).append(",Last,m").append(i).append('.')
                    .append(prefix).append("@example.org,+44 20 7946 0000,\"").append(i)
                    .append(" High Street, Town\",").append(branches[i % branches.length])
                    .append(",2015-03-01,active,false\n");
        }
        return csv.toString();
    }

    /** A ballot-service event on {@code selectorate.ballots} as its outbox relays it (binary CloudEvent headers). */
    public static void ballotEvent(ObjectMapper json, String key, String type, Object payload) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.BALLOTS, key, json.writeValueAsString(payload));
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "urn:selectorate:test".getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }
}
