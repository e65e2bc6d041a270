package org.selectorate.tally.certification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
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
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.contracts.result.CertificationRefused;
import org.selectorate.contracts.result.ResultCertified;
import org.selectorate.contracts.result.ResultDeclared;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.blind.BlindingSession;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Ed25519Keys;
import org.selectorate.integrity.record.Certification;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.testkit.EmbeddedPlatform;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A counted final ballot certified by a scrutineer of its area with their own Ed25519 key over the final tree head,
 * then declared by another person; a refusal that blocks declaration until a later certification; and each kind of
 * bad decision or declaration refused with a problem, changing nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestSecurity(user = "hq", roles = "hq-admin")
class CertificationTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String REGION = "R-SOUTH";
    private static final List<String> CANDIDATES = List.of("Ada", "Bo", "Cy");

    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;

    @Test
    void aScrutineerOfTheAreaCertifiesAnotherPersonDeclaresAndTheRecordCarriesTheSignature() throws Exception {
        String ballot = ballot(List.of(List.of("Ada"), List.of("Ada", "Bo"), List.of("Bo"), List.of("Ada")));
        KeyPair sam = ed25519();
        as("sub-sam", "sam", "scrutineer", REGION);
        given().contentType(ContentType.JSON).body(Map.of("publicKey", "not-a-key")).put("/api/tally/scrutineer/key")
                .then().statusCode(400).contentType("application/problem+json");
        given().get("/api/tally/scrutineer/key").then().statusCode(404);
        register(sam);
        given().get("/api/tally/scrutineer/key").then().statusCode(200)
                .body("account", equalTo("sam")).body("publicKey", equalTo(raw(sam))).body("previous", equalTo(0));

        // What the scrutineer reads before signing: the final head, the figures, no anomaly flags.
        JsonPath review = given().get(certification(ballot)).then().statusCode(200)
                .body("scrutineer", equalTo("sam"))
                .body("statement", equalTo(Certification.STATEMENT))
                .body("result.elected", contains("Ada"))
                .body("result.votes", equalTo(4))
                .body("result.markedRegister.online", equalTo(4))
                .body("anomalies", empty())
                .body("decisions", empty())
                .extract().jsonPath();
        long size = review.getLong("treeSize");
        String root = review.getString("rootHash");
        assertEquals(4, size);
        assertEquals(given().get("/api/tally/public/ballots/" + ballot + "/result").then().extract().path("recordRoot"),
                root);

        // Bad decisions: each refused, none stored.
        as("sub-hq2", "hq2", "hq-admin", REGION);
        decide(ballot, signed(sam, ballot, "certified", List.of(), "hq2", size, root)).statusCode(403);
        as("sub-far", "far", "scrutineer", "R-NORTH");
        given().get(certification(ballot)).then().statusCode(403);
        decide(ballot, signed(sam, ballot, "certified", List.of(), "far", size, root)).statusCode(403)
                .contentType("application/problem+json");
        as("sub-kim", "kim", "scrutineer", REGION);
        decide(ballot, signed(sam, ballot, "certified", List.of(), "kim", size, root)).statusCode(409)
                .body("type", endsWith("/key-not-registered"));
        as("sub-sam", "sam", "scrutineer", REGION);
        decide(ballot, signed(sam, ballot, "certified", List.of(), "kim", size, root)).statusCode(400)
                .body("type", endsWith("/wrong-scrutineer"));
        decide(ballot, signed(sam, ballot, "certified", List.of(), "sam", size - 1, root)).statusCode(409)
                .body("type", endsWith("/wrong-tree-head")).body("detail", containsString(root));
        Map<String, Object> forged = signed(ed25519(), ballot, "certified", List.of(), "sam", size, root);
        forged.put("publicKey", raw(sam));
        decide(ballot, forged).statusCode(400).body("type", endsWith("/bad-signature"));
        Map<String, Object> otherKey = signed(ed25519(), ballot, "certified", List.of(), "sam", size, root);
        decide(ballot, otherKey).statusCode(400).body("type", endsWith("/wrong-key"));
        decide(ballot, signed(sam, ballot, "refused", List.of(), "sam", size, root)).statusCode(400)
                .body("errors", contains("reasons: a refusal gives its reasons"));
        given().get(decisions(ballot)).then().statusCode(200).body("decisions", empty())
                .body("standing", nullValue());
        given().post(declaration(ballot)).then().statusCode(403); // a scrutineer does not declare

        as("sub-hq", "hq", "hq-admin", null);
        given().post(declaration(ballot)).then().statusCode(409).body("type", endsWith("/not-certified"));

        as("sub-sam", "sam", "scrutineer", REGION);
        decide(ballot, signed(sam, ballot, "certified", List.of(), "sam", size, root)).statusCode(201)
                .body("decision", equalTo("certified")).body("scrutineer", equalTo("sam"))
                .body("treeSize", equalTo((int) size)).body("rootHash", equalTo(root));
        decide(ballot, signed(sam, ballot, "certified", List.of(), "sam", size, root)).statusCode(409)
                .body("type", endsWith("/already-certified"));

        // The certifier, even under an admin role and another username, may not declare.
        as("sub-sam", "sam.admin", "hq-admin", null);
        given().post(declaration(ballot)).then().statusCode(409).body("type", endsWith("/declarer-certified"));
        as("sub-reg", "reg", "regional-admin", "R-NORTH");
        given().post(declaration(ballot)).then().statusCode(403);
        as("sub-ria", "ria", "regional-admin", REGION);
        given().post(declaration(ballot)).then().statusCode(201)
                .body("declaredBy", equalTo("ria")).body("certifiedBy", equalTo("sam"))
                .body("elected", contains("Ada"));
        given().post(declaration(ballot)).then().statusCode(409).body("type", endsWith("/already-declared"));
        as("sub-sam", "sam", "scrutineer", REGION);
        decide(ballot, signed(sam, ballot, "refused", List.of("too late"), "sam", size, root)).statusCode(409)
                .body("type", endsWith("/already-declared"));

        given().get(decisions(ballot)).then().statusCode(200)
                .body("standing", equalTo("certified"))
                .body("decisions.scrutineer", contains("sam"))
                .body("declaration.declaredBy", equalTo("ria"));

        // The exported record carries the signed certification, and it verifies.
        RecordDocument record = RecordCodec.read(given().get("/api/tally/public/ballots/" + ballot + "/record")
                .then().statusCode(200).extract().asString());
        Certification carried = record.certification();
        assertNotNull(carried, "the export carries the certification");
        assertEquals("sam", carried.scrutineer());
        assertEquals(raw(sam), carried.publicKey());
        assertTrue(carried.verify(ballot), "the certification verifies against its statement");
        assertEquals(root, record.treeHeads().get(record.treeHeads().size() - 1).head().rootHash());
        VerificationReport report = RecordVerifier.verify(record);
        assertTrue(report.passed(), report.format());

        JsonNode certified = oneEvent(ballot, ResultCertified.TYPE);
        assertEquals("sam", certified.get("scrutineer").asText());
        assertEquals(root, certified.get("rootHash").asText());
        JsonNode declared = oneEvent(ballot, ResultDeclared.TYPE);
        assertEquals("ria", declared.get("declaredBy").asText());
        assertEquals("Ada", declared.get("elected").get(0).asText());
        assertEquals(1, audited("result.certify", ballot));
        assertEquals(1, audited("result.declare", ballot));
    }

    @Test
    void aRefusalBlocksDeclarationUntilALaterCertification() throws Exception {
        String ballot = ballot(List.of(List.of("Cy"), List.of("Bo"), List.of("Cy", "Bo")));
        KeyPair kim = ed25519();
        as("sub-kim2", "kim2", "scrutineer", REGION);
        register(kim);
        JsonPath review = given().get(certification(ballot)).then().statusCode(200).extract().jsonPath();
        long size = review.getLong("treeSize");
        String root = review.getString("rootHash");
        List<String> reasons = List.of("postal batch 3 was keyed by one teller", "turnout in Branch X is implausible");
        decide(ballot, signed(kim, ballot, "refused", reasons, "kim2", size, root)).statusCode(201)
                .body("decision", equalTo("refused")).body("reasons", equalTo(reasons));

        as("sub-hq", "hq", "hq-admin", null);
        given().post(declaration(ballot)).then().statusCode(409)
                .body("type", endsWith("/certification-refused")).body("detail", containsString("kim2"));
        given().get(decisions(ballot)).then().statusCode(200).body("standing", equalTo("refused"))
                .body("decisions[0].reasons", equalTo(reasons)).body("declaration", nullValue());
        JsonNode refused = oneEvent(ballot, CertificationRefused.TYPE);
        assertEquals("kim2", refused.get("scrutineer").asText());
        assertEquals(reasons.get(0), refused.get("reasons").get(0).asText());
        assertEquals(1, audited("result.refuse", ballot));
        // The refusal travels with the record until something else stands.
        assertEquals("refused", RecordCodec.read(given().get("/api/tally/public/ballots/" + ballot + "/record")
                .then().extract().asString()).certification().decision());

        // Another scrutineer, once the problem is dealt with, certifies; now it can be declared.
        KeyPair lee = ed25519();
        as("sub-lee", "lee", "scrutineer", REGION);
        register(lee);
        decide(ballot, signed(lee, ballot, "certified", List.of(), "lee", size, root)).statusCode(201);
        as("sub-hq", "hq", "hq-admin", null);
        given().post(declaration(ballot)).then().statusCode(201).body("certifiedBy", equalTo("lee"));

        // A scrutineer who registers a new key signs with it from then on; the first key is kept.
        as("sub-kim2", "kim2", "scrutineer", REGION);
        register(ed25519());
        given().get("/api/tally/scrutineer/key").then().body("previous", equalTo(1));
    }

    @Test
    void beforeTheCountNothingIsCertifiedAndAMeetingBallotIsNeverDeclared() throws Exception {
        BlindSigningKey issuer = issuer();
        String open = "cert-open-" + UUID.randomUUID().toString().substring(0, 8);
        announce(open);
        send(Topics.BALLOTS, open, BallotOpened.TYPE, opened(open, issuer, BallotOpened.FINAL));
        awaitKnown(open);
        KeyPair pat = ed25519();
        as("sub-pat", "pat", "scrutineer", REGION);
        register(pat);
        decide(open, signed(pat, open, "certified", List.of(), "pat", 0, "00")).statusCode(409)
                .body("type", endsWith("/not-counted"));
        given().get(certification(open)).then().statusCode(409).body("type", endsWith("/not-counted"));

        String meeting = "cert-meeting-" + UUID.randomUUID().toString().substring(0, 8);
        announce(meeting);
        send(Topics.BALLOTS, meeting, BallotOpened.TYPE, opened(meeting, issuer, BallotOpened.MEETING));
        await().atMost(Duration.ofSeconds(60)).until(() -> pool.preparedQuery(
                        "select count(*) from selection_area where selection_id = $1")
                .execute(Tuple.of("selection-" + meeting)).await().indefinitely().iterator().next().getLong(0) == 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get(decisions(meeting)).then().statusCode(404).body("type", endsWith("/not-published")));
        as("sub-hq", "hq", "hq-admin", null);
        given().post(declaration(meeting)).then().statusCode(409).body("type", endsWith("/meeting-ballot"));
        given().post(declaration("no-such-ballot")).then().statusCode(404);
    }

    // --- the ballot, from ballot-service's events and voters' casts ---

    /** A final ballot of selection-{id} in {@link #REGION}, cast by voters and closed; returns once counted. */
    private String ballot(List<List<String>> votes) throws Exception {
        String id = "cert-" + UUID.randomUUID().toString().substring(0, 8);
        BlindSigningKey issuer = issuer();
        announce(id);
        send(Topics.BALLOTS, id, BallotOpened.TYPE, opened(id, issuer, BallotOpened.FINAL));
        awaitKnown(id);
        for (List<String> vote : votes) {
            Token token = Token.random(RANDOM);
            BlindingSession session = issuer.publicKey().blind(CredentialMessage.of(id, token), RANDOM);
            Credential credential = session.finish(issuer.blindSign(session.blindedMessage()));
            Map<String, Object> body = new HashMap<>();
            body.put("token", token.encoded());
            body.put("prefix", credential.prefix());
            body.put("signature", credential.signature());
            body.put("vote", vote);
            given().contentType(ContentType.JSON).body(body).post("/api/tally/public/ballots/" + id + "/casts")
                    .then().statusCode(202);
        }
        send(Topics.BALLOTS, id, BallotClosed.TYPE, json.writeValueAsString(
                new BallotClosed(id, Instant.now(), Map.of("online", (long) votes.size()))));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/tally/public/ballots/" + id + "/result").then().statusCode(200));
        return id;
    }

    private void announce(String ballot) throws Exception {
        send(Topics.BALLOTS, "selection-" + ballot, SelectionCreated.TYPE, json.writeValueAsString(
                new SelectionCreated("selection-" + ballot, "C-SOUTH", REGION, "South", LocalDate.now(), 6, true, 3)));
    }

    private String opened(String id, BlindSigningKey issuer, String kind) throws Exception {
        Instant now = Instant.now();
        return json.writeValueAsString(new BallotOpened(id, "selection-" + id, "C-SOUTH", "South final ballot",
                CANDIDATES, List.of(), "av", "backwards", 7, now, now.plus(Duration.ofDays(7)),
                issuer.publicKey().encoded(), issuer.publicKey().variant().id(), "{\"version\":3}", 10, kind,
                BallotOpened.MEETING.equals(kind) ? "meeting-" + id : null, 1));
    }

    private static BlindSigningKey issuer() {
        return BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED, RANDOM);
    }

    /** The ballot is open here and its selection's area known (they come on different partitions). */
    private void awaitKnown(String ballot) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/api/tally/public/ballots/" + ballot + "/head").then().statusCode(200));
        await().atMost(Duration.ofSeconds(60)).until(() -> pool.preparedQuery(
                        "select count(*) from selection_area where selection_id = $1")
                .execute(Tuple.of("selection-" + ballot)).await().indefinitely().iterator().next().getLong(0) == 1);
    }

    // --- scrutineers and their signatures ---

    private static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private static String raw(KeyPair key) {
        return Base64Url.encode(Ed25519Keys.raw(key.getPublic()));
    }

    private static void register(KeyPair key) {
        given().contentType(ContentType.JSON).body(Map.of("publicKey", raw(key))).put("/api/tally/scrutineer/key")
                .then().statusCode(200).body("publicKey", equalTo(raw(key)));
    }

    /** The body a scrutineer's tool sends: the decision, signed with {@code key} over its statement. */
    private static Map<String, Object> signed(KeyPair key, String ballot, String decision, List<String> reasons,
                                              String scrutineer, long treeSize, String rootHash) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        PrivateKey secret = key.getPrivate();
        signer.initSign(secret);
        signer.update(Certification.statement(ballot, decision, reasons, scrutineer, treeSize, rootHash));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        body.put("reasons", reasons);
        body.put("scrutineer", scrutineer);
        body.put("publicKey", raw(key));
        body.put("treeSize", treeSize);
        body.put("rootHash", rootHash);
        body.put("signature", Base64Url.encode(signer.sign()));
        return body;
    }

    private static ValidatableResponse decide(String ballot, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/tally/ballots/" + ballot + "/certifications").then();
    }

    private static String certification(String ballot) {
        return "/api/tally/ballots/" + ballot + "/certification";
    }

    private static String declaration(String ballot) {
        return "/api/tally/ballots/" + ballot + "/declaration";
    }

    private static String decisions(String ballot) {
        return "/api/tally/public/ballots/" + ballot + "/certifications";
    }

    /** Acts from now on with a token naming this subject, username, role and region (none if null). */
    private static void as(String subject, String username, String role, String region) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(subject);
        claims.setClaim("preferred_username", username);
        claims.setClaim("regions", region == null ? List.of() : List.of(region));
        claims.setClaim("constituencies", List.of());
        Arc.container().instance(TestIdentityAssociation.class).get().setTestIdentity(QuarkusSecurityIdentity
                .builder().setPrincipal(new DefaultJWTCallerPrincipal(claims)).addRoles(Set.of(role)).build());
    }

    private long audited(String action, String ballot) {
        return pool.preparedQuery("select count(*) from audit_entry where details like $1 and details like $2")
                .execute(Tuple.of("%\"" + action + "\"%", "%ballot/" + ballot + "\"%"))
                .await().indefinitely().iterator().next().getLong(0);
    }

    // --- events ---

    private static void send(String topic, String key, String type, String payload) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedPlatform.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, payload);
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "urn:selectorate:test".getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    /** The ballot's one event of {@code type} on the results topic. */
    private JsonNode oneEvent(String ballot, String type) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "certification-test-" + UUID.randomUUID());
        List<String> payloads = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESULTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < until && payloads.isEmpty()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    Header ce = r.headers().lastHeader("ce_type");
                    if (ballot.equals(r.key()) && ce != null
                            && type.equals(new String(ce.value(), StandardCharsets.UTF_8))) {
                        payloads.add(r.value());
                    }
                }
            }
        }
        assertEquals(1, payloads.size(), type + " events for " + ballot + ": " + payloads);
        return json.readTree(payloads.get(0));
    }
}
