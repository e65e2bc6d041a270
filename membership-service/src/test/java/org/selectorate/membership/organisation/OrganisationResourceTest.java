package org.selectorate.membership.organisation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.organisation.ConstituencyCreated;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class OrganisationResourceTest {

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void constituencyIsStoredAndItsEventReachesKafka() {
        String region = "R" + UUID.randomUUID().toString().substring(0, 8);
        String code = "C" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("code", region, "name", "North"))
                .post("/api/membership/regions").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("code", code, "name", "Northtown", "region", region))
                .post("/api/membership/constituencies").then().statusCode(201).body("code", equalTo(code));
        given().get("/api/membership/constituencies").then().statusCode(200).body("code", hasItem(code));

        ConsumerRecord<String, String> event = awaitEvent(code);
        assertEquals(ConstituencyCreated.TYPE, header(event, "ce_type"));
        assertNotNull(header(event, "ce_id"));
        assertEquals(code, event.key());
        assertEquals(true, event.value().contains("\"region\":\"" + region + "\""));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void duplicateConstituencyIsRefusedWithProblemDetails() {
        String region = "R" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("code", region, "name", "East"))
                .post("/api/membership/regions").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("code", region, "name", "East"))
                .post("/api/membership/regions").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already exists"));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void invalidBodyGetsEveryBadFieldAndChangesNothing() {
        given().contentType(ContentType.JSON).body(Map.of("code", "Z9", "name", "", "region", ""))
                .post("/api/membership/constituencies").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.size()", equalTo(2))
                .body("errors", hasItem(containsString("name:")));
        given().get("/api/membership/constituencies/Z9").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "candidate", roles = "candidate")
    void candidateCannotAddConstituencies() {
        given().contentType(ContentType.JSON).body(Map.of("code", "X1", "name", "X", "region", "R"))
                .post("/api/membership/constituencies").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "regional", roles = "regional-admin")
    void regionalAdminWithoutTheRegionInTheTokenIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("code", "Y1", "name", "Y", "region", "R-other"))
                .post("/api/membership/constituencies").then().statusCode(403)
                .body("detail", containsString("outside your area"));
    }

    @Test
    void noIdentityIsUnauthorized() {
        given().get("/api/membership/constituencies").then().statusCode(401);
    }

    private static ConsumerRecord<String, String> awaitEvent(String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ORGANISATION));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no event for " + key + " reached " + Topics.ORGANISATION);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
