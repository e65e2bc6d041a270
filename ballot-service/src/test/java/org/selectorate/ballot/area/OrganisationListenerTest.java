package org.selectorate.ballot.area;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.organisation.ConstituencyCreated;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestSecurity(user = "hq", roles = "hq-admin")
class OrganisationListenerTest {

    @Test
    void eachEventIsAppliedOnceHoweverOftenItIsDelivered() throws Exception {
        String code = "C" + UUID.randomUUID().toString().substring(0, 8);
        String first = UUID.randomUUID().toString();
        send(first, code, "Southtown");
        awaitRevisions(code, 1);

        // A redelivery of the same event (same CloudEvents id) must change nothing...
        send(first, code, "Southtown");
        send(first, code, "Southtown");
        // ...while a new event about the same constituency is applied, which proves the listener is live.
        send(UUID.randomUUID().toString(), code, "Southtown Central");
        awaitRevisions(code, 2);
        given().get("/api/ballots/constituencies").then()
                .body("find { it.code == '" + code + "' }.name", equalTo("Southtown Central"));
    }

    @Test
    void constituenciesAreListedByCode() throws Exception {
        String code = "C" + UUID.randomUUID().toString().substring(0, 8);
        send(UUID.randomUUID().toString(), code, "Westtown");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/ballots/constituencies").then().statusCode(200).body("code", hasItem(code)));
    }

    private static void awaitRevisions(String code, int revisions) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/ballots/constituencies").then().statusCode(200)
                        .body("find { it.code == '" + code + "' }.revisions", equalTo(revisions)));
    }

    private static void send(String eventId, String code, String name) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ORGANISATION, code,
                    "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"region\":\"R1\"}");
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", eventId);
            header(record, "ce_type", ConstituencyCreated.TYPE);
            header(record, "ce_source", "urn:selectorate:test");
            header(record, "content-type", "application/json");
            producer.send(record).get();
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
