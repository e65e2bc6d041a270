package org.selectorate.membership.roll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.contracts.roll.RollEntries.Elector;
import org.selectorate.contracts.roll.RollFrozen;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.merkle.InclusionProof;
import org.selectorate.membership.Fixtures;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roll's life in order: members imported, the selection learnt from Kafka, the freeze and its
 * events, a member's self-check with proof, and a two-person change making version 2.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollResourceTest {
    private static final String REGION = "RROLL";
    private static final int REGULAR = 2500;
    private static final String CONSTITUENCY = Fixtures.code("CR");
    private static final String SELECTION = "sel-" + UUID.randomUUID();
    private static String changeId;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Test
    @Order(1)
    @TestSecurity(user = "alice", roles = "hq-admin")
    void membersAreImportedAndTheSelectionIsLearntFromBallotService() throws Exception {
        Fixtures.constituency(REGION, CONSTITUENCY);
        String north = CONSTITUENCY + "-N";
        Fixtures.branch(CONSTITUENCY, north);
        Fixtures.branch(CONSTITUENCY, CONSTITUENCY + "-S");
        String csv = Fixtures.members("P", REGULAR, north, CONSTITUENCY + "-S")
                + edge("E-EXACT", "2025-12-30", "active", false)
                + edge("E-LATE", "2025-12-31", "active", false)
                + edge("E-SUSP", "2010-01-01", "suspended", false)
                + edge("E-LAPSED", "2010-01-01", "lapsed", false)
                + edge("E-ARREARS", "2010-01-01", "active", true)
                + edge("X-ADD", "2026-03-01", "active", false);
        given().contentType("text/csv").body(csv).post("/api/membership/constituencies/" + CONSTITUENCY + "/members")
                .then().statusCode(200).body("imported", equalTo(REGULAR + 6));

        // Another type on the same topic first: it is acked and ignored, and does not block what follows.
        send("org.selectorate.ballot.CredentialIssued", "{\"ballotId\":\"b1\"}");
        send(SelectionCreated.TYPE, json.writeValueAsString(new SelectionCreated(SELECTION, CONSTITUENCY, REGION,
                "Final ballot", java.time.LocalDate.of(2026, 6, 30), 6, true, 1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery(
                        "select count(*) from selection where id = $1 and minimum_months = 6 and arrears_disqualify")
                .execute(Tuple.of(SELECTION)).await().indefinitely().iterator().next().getLong(0) == 1);
    }

    @Test
    @Order(2)
    @TestSecurity(user = "alice", roles = "hq-admin")
    void freezingAppliesTheRulebookAndASecondFreezeIsRefused() {
        given().post(rollPath() + "/freeze").then().statusCode(201)
                .body("version", equalTo(1))
                .body("electorate", equalTo(REGULAR + 1))
                .body("changed", equalTo(0))
                .body("perBranch." + CONSTITUENCY + "-N", equalTo(REGULAR / 2 + 1));
        given().post(rollPath() + "/freeze").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already frozen"));
    }

    @Test
    @Order(3)
    void theRollAndItsChunksReachKafka() throws Exception {
        List<ConsumerRecord<String, String>> events = rollEvents(SELECTION, 1);
        RollFrozen frozen = json.readValue(events.get(0).value(), RollFrozen.class);
        assertEquals(RollFrozen.TYPE, header(events.get(0), "ce_type"));
        assertEquals(3, frozen.chunks());
        assertEquals(REGULAR + 1, frozen.electorate());
        List<Elector> electors = new ArrayList<>();
        for (ConsumerRecord<String, String> r : events.subList(1, events.size())) {
            assertEquals(RollEntries.TYPE, header(r, "ce_type"));
            RollEntries chunk = json.readValue(r.value(), RollEntries.class);
            assertEquals(electors.size() / CanonicalRoll.CHUNK, chunk.chunk());
            electors.addAll(chunk.electors());
        }
        assertEquals(REGULAR + 1, electors.size());
        assertTrue(electors.stream().anyMatch(e -> e.membershipNumber().equals("E-EXACT")));
        // Each elector carries the postal address held at the freeze (a postal pack goes there); none given, null.
        assertEquals("7 High Street, Town", electors.stream().filter(e -> e.membershipNumber().equals("P7"))
                .findFirst().orElseThrow().address());
        assertNull(electors.stream().filter(e -> e.membershipNumber().equals("E-EXACT")).findFirst().orElseThrow()
                .address());
        // Anyone holding the entries recomputes the published root.
        assertEquals(frozen.merkleRoot(), CanonicalRoll.of(electors).root().hex());
        assertEquals(electors, CanonicalRoll.of(electors).electors());
    }

    @Test
    @Order(4)
    @TestSecurity(user = "carol", roles = "committee-member")
    @OidcSecurity(claims = @Claim(key = "regions", value = REGION))
    void theCommitteeReadsThePublishedFiguresInItsArea() {
        given().get(rollPath()).then().statusCode(200).body("version", equalTo(1))
                .body("electorate", equalTo(REGULAR + 1)).body("root", equalTo(root(1)));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "dan", roles = "committee-member")
    @OidcSecurity(claims = @Claim(key = "regions", value = "R-ELSEWHERE"))
    void theRollOfAnotherAreaLooksAbsent() {
        given().get(rollPath()).then().statusCode(404);
    }

    @Test
    @Order(6)
    void aMemberOnTheRollGetsAProofThatVerifiesAgainstThePublishedRoot() {
        JsonPath answer = check("E-EXACT", " M.E-EXACT@Example.org ").then().statusCode(200)
                .body("onRoll", equalTo(true)).body("version", equalTo(1)).extract().jsonPath();
        String leaf = answer.getString("leaf");
        assertEquals("{\"branch\":\"" + CONSTITUENCY + "-N\",\"email\":\"m.E-EXACT@example.org\","
                + "\"membershipNumber\":\"E-EXACT\",\"name\":\"Edge Case\"}", leaf);
        Digest leafHash = CanonicalRoll.leafHash(leaf);
        assertEquals(leafHash.hex(), answer.getString("leafHash"));
        InclusionProof proof = new InclusionProof(answer.getLong("leafIndex"), answer.getLong("treeSize"),
                answer.getList("proof", String.class).stream().map(Digest::fromHex).toList());
        String published = pool.preparedQuery("select merkle_root from roll_version where selection_id = $1 and version = 1")
                .execute(Tuple.of(SELECTION)).await().indefinitely().iterator().next().getString(0);
        assertEquals(published, answer.getString("root"));
        assertTrue(proof.verify(leafHash, Digest.fromHex(published)));
    }

    @Test
    @Order(7)
    void aWrongEmailAndAWrongNumberGetTheSameBareNo() {
        String wrongEmail = check("E-EXACT", "someone@example.org").then().statusCode(200).extract().asString();
        String wrongNumber = check("NOBODY", "m.E-EXACT@example.org").then().statusCode(200).extract().asString();
        String ineligible = check("E-SUSP", "m.E-SUSP@example.org").then().statusCode(200).extract().asString();
        assertEquals("{\"onRoll\":false}", wrongEmail);
        assertEquals(wrongEmail, wrongNumber);
        assertEquals(wrongEmail, ineligible);
        check("", "").then().statusCode(400);
        // Three NULs make the JSON reader take the body for UTF-32; the code point after them cannot exist.
        given().contentType(ContentType.JSON).body(new byte[]{0, 0, 0, '{', -1, -1, -1, -1})
                .post("/api/membership/public/selections/" + SELECTION + "/roll/check")
                .then().statusCode(400).contentType("application/problem+json").body("type", containsString("unreadable-body"));
        given().contentType(ContentType.JSON).body(Map.of("membershipNumber", "P1", "email", "x@y.org"))
                .post("/api/membership/public/selections/unknown/roll/check").then().statusCode(404);
    }

    @Test
    @Order(8)
    @TestSecurity(user = "alice", roles = "hq-admin")
    void aChangeNeedsAReasonAndStartsPending() {
        given().contentType(ContentType.JSON).body(Map.of("action", "add", "membershipNumber", "X-ADD", "reason", " "))
                .post(rollPath() + "/changes").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0]", containsString("reason"));
        given().contentType(ContentType.JSON).body(Map.of("action", "remove", "membershipNumber", "X-ADD",
                        "reason", "appeal")).post(rollPath() + "/changes").then().statusCode(409);
        changeId = given().contentType(ContentType.JSON)
                .body(Map.of("action", "add", "membershipNumber", "X-ADD",
                        "reason", "Appeal upheld: membership transferred from another constituency in 2019"))
                .post(rollPath() + "/changes").then().statusCode(201)
                .body("status", equalTo("pending")).body("proposedBy", equalTo("alice"))
                .extract().path("id");
    }

    @Test
    @Order(9)
    @TestSecurity(user = "alice", roles = "scrutineer")
    @OidcSecurity(claims = @Claim(key = "regions", value = REGION))
    void theProposerCannotApproveEvenAsAScrutineer() {
        given().post(rollPath() + "/changes/" + changeId + "/approve").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("second person"));
    }

    @Test
    @Order(10)
    @TestSecurity(user = "bob", roles = "hq-admin")
    void aSecondPersonWhoIsNotAScrutineerCannotApprove() {
        given().post(rollPath() + "/changes/" + changeId + "/approve").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    @Order(11)
    @TestSecurity(user = "bob", roles = "scrutineer")
    @OidcSecurity(claims = @Claim(key = "regions", value = REGION))
    void aScrutineerWhoDidNotProposeApprovesAndVersionTwoIsPublished() throws Exception {
        given().post(rollPath() + "/changes/" + changeId + "/approve").then().statusCode(200)
                .body("version", equalTo(2)).body("electorate", equalTo(REGULAR + 2)).body("changed", equalTo(1));
        given().post(rollPath() + "/changes/" + changeId + "/approve").then().statusCode(409);
        List<ConsumerRecord<String, String>> events = rollEvents(SELECTION, 2);
        RollFrozen v2 = json.readValue(events.get(0).value(), RollFrozen.class);
        assertEquals(1, v2.changed());
        assertEquals(REGULAR + 2, v2.electorate());
        assertEquals(root(2), v2.merkleRoot());
        assertTrue(!root(1).equals(root(2)));
    }

    @Test
    @Order(12)
    void theAddedMemberFindsThemselvesOnTheNewVersion() {
        check("X-ADD", "m.X-ADD@example.org").then().statusCode(200)
                .body("onRoll", equalTo(true)).body("version", equalTo(2));
    }

    private static String edge(String number, String joined, String status, boolean arrears) {
        return number + ",Edge,Case,m." + number + "@example.org,,," + CONSTITUENCY + "-N," + joined + "," + status
                + "," + arrears + "\n";
    }

    private static String rollPath() {
        return "/api/membership/selections/" + SELECTION + "/roll";
    }

    private static io.restassured.response.Response check(String number, String email) {
        return given().contentType(ContentType.JSON).body(Map.of("membershipNumber", number, "email", email))
                .post("/api/membership/public/selections/" + SELECTION + "/roll/check");
    }

    private String root(int version) {
        return pool.preparedQuery("select merkle_root from roll_version where selection_id = $1 and version = $2")
                .execute(Tuple.of(SELECTION, version)).await().indefinitely().iterator().next().getString(0);
    }

    private static void send(String type, String payload) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.BALLOTS, SELECTION, payload);
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", UUID.randomUUID().toString());
            header(record, "ce_type", type);
            header(record, "ce_source", "urn:selectorate:test");
            header(record, "content-type", "application/json");
            producer.send(record).get();
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The RollFrozen of {@code version} followed by all its chunks, in the order they were published. */
    private List<ConsumerRecord<String, String>> rollEvents(String key, int version) throws Exception {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        int chunks = -1;
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ROLL));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (!key.equals(r.key())) {
                        continue;
                    }
                    JsonNode body = json.readTree(r.value());
                    if (body.path("version").asInt() != version) {
                        continue;
                    }
                    if (RollFrozen.TYPE.equals(header(r, "ce_type"))) {
                        chunks = body.path("chunks").asInt();
                        out.add(0, r);
                    } else {
                        out.add(r);
                    }
                    if (chunks >= 0 && out.size() == chunks + 1) {
                        return out;
                    }
                }
            }
        }
        throw new AssertionError("roll version " + version + " of " + key + " did not reach " + Topics.ROLL);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
