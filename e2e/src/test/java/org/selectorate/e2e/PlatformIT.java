package org.selectorate.e2e;

import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.selectorate.contracts.Topics;
import org.selectorate.devstack.Devstack;
import org.selectorate.devstack.Ports;
import org.selectorate.devstack.Service;
import org.selectorate.devstack.Stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RunningPlatform.class)
class PlatformIT {

    @ParameterizedTest
    @ValueSource(strings = {"membership", "ballots", "tally", "notifications"})
    void aDemoUserReachesEachServiceThroughTheGatewayWithTheirToken(String api) {
        given().auth().oauth2(Tokens.password("scrutineer")).get("/api/" + api + "/caller").then().statusCode(200)
                .body("name", equalTo("scrutineer"))
                .body("roles", hasItem("scrutineer"))
                .body("constituencies", hasItem("NW-001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"membership", "ballots", "tally", "notifications"})
    void noTokenIsUnauthorized(String api) {
        given().get("/api/" + api + "/caller").then().statusCode(401);
    }

    @Test
    void aServiceRefusesARoleItDoesNotServe() {
        given().auth().oauth2(Tokens.password("member")).get("/api/membership/constituencies").then().statusCode(403);
        given().auth().oauth2(Tokens.password("candidate")).contentType(ContentType.JSON)
                .body(Map.of("code", "XX", "name", "Nowhere")).post("/api/membership/regions").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anIntegrationUsesClientCredentials() {
        given().auth().oauth2(Tokens.clientCredentials()).get("/api/membership/caller").then().statusCode(200)
                .body("roles", hasItem("integration"));
    }

    @Test
    void theGatewayPublishesOneOpenApiAndAHealthPage() {
        given().get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItems("/api/membership/constituencies", "/api/ballots/constituencies",
                        "/api/tally/caller", "/api/notifications/caller"))
                .body("x-unavailable.size()", equalTo(0));
        String page = given().get("/").then().statusCode(200).extract().asString();
        assertEquals(4, page.split(">UP<", -1).length - 1, page);
    }

    @Test
    void aServicesDatabaseRoleConnectsToItsOwnDatabaseAndNoOther() throws Exception {
        Stack stack = RunningPlatform.devstack().stack();
        String postgres = "jdbc:postgresql://127.0.0.1:" + stack.ports().of(Ports.POSTGRES) + "/";
        try (Connection own = DriverManager.getConnection(postgres + "ballot", "ballot", stack.databasePassword("ballot"))) {
            assertTrue(own.isValid(5));
        }
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(postgres + "tally", "ballot", stack.databasePassword("ballot")).close());
        assertEquals("42501", refused.getSQLState(), refused.getMessage());
    }

    @Test
    void theTopicsWithAnEventPerElectorKeepADay() throws Exception {
        Stack stack = RunningPlatform.devstack().stack();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            for (String topic : List.of(Topics.CREDENTIALS, Topics.CASTS)) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
                assertEquals("86400000", config.get(TopicConfig.RETENTION_MS_CONFIG).value(), topic);
            }
        }
    }

    @Test
    void anEventSurvivesTheConsumerBeingDownAndIsAppliedOnce() throws Exception {
        Devstack devstack = RunningPlatform.devstack();
        Stack stack = devstack.stack();
        String hq = Tokens.password("hq");
        String region = "R" + UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(hq).contentType(ContentType.JSON).body(Map.of("code", region, "name", "Test region"))
                .post("/api/membership/regions").then().statusCode(201);

        // ballot-service is stopped while membership-service records constituencies and their events.
        stack.processes().stop(Ports.BALLOT, Duration.ofSeconds(20));
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String code = region + "-" + i;
            codes.add(code);
            given().auth().oauth2(hq).contentType(ContentType.JSON)
                    .body(Map.of("code", code, "name", "Seat " + i, "region", region))
                    .post("/api/membership/constituencies").then().statusCode(201);
        }
        Service ballot = Service.all(stack).stream().filter(s -> s.name().equals(Ports.BALLOT)).findFirst().orElseThrow();
        ballot.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(hq)
                .get("/api/ballots/constituencies").then().statusCode(200)
                .body("findAll { it.region == '" + region + "' }.code", equalTo(codes)));

        // A repeat of an event already applied (as after a relay crash) is delivered and skipped.
        double before = duplicatesSkipped(ballot);
        redeliver(stack, codes.get(0));
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicatesSkipped(ballot) > before);
        given().auth().oauth2(hq).get("/api/ballots/constituencies").then()
                .body("findAll { it.region == '" + region + "' }.revisions", equalTo(List.of(1, 1, 1, 1, 1)));
    }

    private static double duplicatesSkipped(Service service) {
        String metrics = given().baseUri(service.url()).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("selectorate_events_duplicates_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Reads the event membership-service published for {@code key} and publishes it again, headers and all. */
    private static void redeliver(Stack stack, String key) throws Exception {
        ConsumerRecord<String, String> original = null;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ORGANISATION));
            Instant deadline = Instant.now().plusSeconds(30);
            while (original == null && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        original = r;
                    }
                }
            }
        }
        assertTrue(original != null, "no event for " + key);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.ORGANISATION, null, original.key(), original.value(), original.headers())).get();
        }
    }
}
