package org.selectorate.membership.organisation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.organisation.AffiliateCreated;
import org.selectorate.contracts.organisation.AffiliateOfficerAdded;
import org.selectorate.contracts.organisation.AffiliateOfficerRemoved;
import org.selectorate.contracts.organisation.BranchCreated;
import org.selectorate.membership.Fixtures;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An affiliate's authorised officers: added and removed by the admins of its area (audited, announced), refused
 * with problem details and nothing saved otherwise; and a constituency's units, read by admins, scrutineers and
 * the affiliates' own officers, who need both the token's claim and the recorded appointment.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class AffiliateOfficerTest {
    /** A constituency with one branch and two affiliates, set up in SQL: the tests below act as other people. */
    private static final String REGION = "R-UNITS";
    private static final String CONSTITUENCY = "C-UNITS";
    private static final String UNION = "A-UNITS-UNION";
    private static final String SOCIETY = "A-UNITS-SOC";

    @Inject
    Pool pool;

    @BeforeEach
    void aConstituencyWithUnitsAndOfficers() {
        for (String[] area : new String[][]{{REGION, CONSTITUENCY}, {REGION, "C-UNITS-R"}, {"R-UNITS-B", "C-UNITS-B"}}) {
            sql("insert into region values ($1, $1, now()) on conflict do nothing", area[0]);
            sql("insert into constituency values ($1, $1, $2, now()) on conflict do nothing", area[1], area[0]);
        }
        sql("insert into branch values ($1, 'Central', $2, now()) on conflict do nothing", "B-UNITS-C", CONSTITUENCY);
        sql("insert into affiliate values ($1, 'Unite branch', $2, 'union', now()) on conflict do nothing",
                UNION, CONSTITUENCY);
        sql("insert into affiliate values ($1, 'Fabians', $2, 'society', now()) on conflict do nothing",
                SOCIETY, CONSTITUENCY);
        sql("insert into affiliate values ($1, 'GMB branch', $2, 'union', now()) on conflict do nothing",
                "A-UNITS-B", "C-UNITS-B");
        sql("insert into affiliate values ($1, 'Co-op party', $2, 'society', now()) on conflict do nothing",
                "A-UNITS-R", "C-UNITS-R");
        officer(UNION, "una", "Una Officer", null);
        officer(UNION, "old", "Old Officer", Instant.now());
        officer(SOCIETY, "sam", "Sam Society", null);
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void hqAddsListsAndRemovesOfficersOnTheRecord() {
        String c = Fixtures.code("CO");
        Fixtures.constituency("R-OFFICERS", c);
        String affiliate = c + "-unison";
        given().contentType(ContentType.JSON)
                .body(Map.of("code", affiliate, "name", "Unison", "constituency", c, "kind", "union"))
                .post("/api/membership/affiliates").then().statusCode(201);
        String officers = "/api/membership/affiliates/" + affiliate + "/officers";

        given().contentType(ContentType.JSON).body(officer("Ann.Lee", "Ann Lee"))
                .post(officers).then().statusCode(201)
                .body("username", equalTo("ann.lee"))
                .body("name", equalTo("Ann Lee"))
                .body("addedBy", equalTo("hq"));
        long entries = auditEntries(affiliate);

        // The same person again (Keycloak usernames are lower-case, so in any case) is refused and saves nothing.
        given().contentType(ContentType.JSON).body(officer("ANN.LEE", "Ann Lee"))
                .post(officers).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already an officer"));
        given().contentType(ContentType.JSON).body(Map.of("username", "bo", "name", "Bo", "email", "not-an-address"))
                .post(officers).then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasItem(containsString("email:")));
        given().contentType(ContentType.JSON).body(officer("cy", "Cy"))
                .post("/api/membership/affiliates/NO-SUCH-AFFILIATE/officers").then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(1, rows(affiliate));
        assertEquals(entries, auditEntries(affiliate), "a refused change leaves nothing on the audit log");

        given().contentType(ContentType.JSON).body(officer("bo", "Bo Officer")).post(officers).then().statusCode(201);
        given().get(officers).then().statusCode(200).body("username", equalTo(List.of("ann.lee", "bo")));

        given().delete(officers + "/ann.lee").then().statusCode(204);
        given().delete(officers + "/ann.lee").then().statusCode(404).contentType("application/problem+json");
        given().get(officers).then().statusCode(200).body("username", equalTo(List.of("bo")));
        assertEquals(2, rows(affiliate), "a removed officer's row stays, with who removed them");
        assertEquals("hq", pool.preparedQuery("select removed_by from affiliate_officer where affiliate = $1 "
                        + "and username = 'ann.lee'").execute(Tuple.of(affiliate)).await().indefinitely()
                .iterator().next().getString(0));
        assertEquals(entries + 2, auditEntries(affiliate), "the second addition and the removal are on the log");

        // Announced with the constituency as key, so they follow the affiliate's own event.
        List<ConsumerRecord<String, String>> events = awaitEvents(c, 5);
        assertEquals(List.of(AffiliateCreated.TYPE, AffiliateOfficerAdded.TYPE, AffiliateOfficerAdded.TYPE,
                AffiliateOfficerRemoved.TYPE), events.subList(1, 5).stream().map(e -> header(e, "ce_type")).toList());
        assertTrue(events.get(2).value().contains("\"username\":\"ann.lee\""), events.get(2).value());
        assertTrue(events.get(4).value().contains("\"affiliate\":\"" + affiliate + "\""), events.get(4).value());
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void branchesAndAffiliatesAreAnnouncedWithTheirRegion() {
        String c = Fixtures.code("CE");
        Fixtures.constituency("R-EVENTS", c);
        Fixtures.branch(c, c + "-north");
        given().contentType(ContentType.JSON)
                .body(Map.of("code", c + "-fab", "name", "Fabians", "constituency", c, "kind", "society"))
                .post("/api/membership/affiliates").then().statusCode(201);

        List<ConsumerRecord<String, String>> events = awaitEvents(c, 3);
        assertEquals(List.of(BranchCreated.TYPE, AffiliateCreated.TYPE),
                events.subList(1, 3).stream().map(e -> header(e, "ce_type")).toList());
        assertTrue(events.get(1).value().contains("\"region\":\"R-EVENTS\""), events.get(1).value());
        assertTrue(events.get(2).value().contains("\"kind\":\"society\""), events.get(2).value());
    }

    @Test
    @TestSecurity(user = "regional", roles = "regional-admin")
    @OidcSecurity(claims = @Claim(key = "regions", value = REGION))
    void aRegionalAdminChangesOfficersOnlyInTheirRegion() {
        String username = Fixtures.code("reg").toLowerCase();
        given().contentType(ContentType.JSON).body(officer(username, "Elsewhere"))
                .post("/api/membership/affiliates/A-UNITS-B/officers").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("outside your area"));
        given().delete("/api/membership/affiliates/A-UNITS-B/officers/una").then().statusCode(403);
        assertEquals(0, count("select count(*) from affiliate_officer where username = $1", username));

        given().contentType(ContentType.JSON).body(officer(username, "Here"))
                .post("/api/membership/affiliates/A-UNITS-R/officers").then().statusCode(201);
        given().get("/api/membership/affiliates/A-UNITS-B/officers").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "una", roles = "affiliate-officer")
    @OidcSecurity(claims = {@Claim(key = "preferred_username", value = "una"), @Claim(key = "affiliates", value = UNION)})
    void anOfficerReadsTheirConstituencysUnits() {
        given().get("/api/membership/constituencies/" + CONSTITUENCY + "/units").then().statusCode(200)
                .body("constituency", equalTo(CONSTITUENCY))
                .body("branches.code", equalTo(List.of("B-UNITS-C")))
                .body("affiliates.code", equalTo(List.of(SOCIETY, UNION)))
                .body("affiliates.find { it.code == '" + UNION + "' }.kind", equalTo("union"))
                .body("affiliates.find { it.code == '" + UNION + "' }.officers", equalTo(List.of("Una Officer")))
                .body("affiliates.find { it.code == '" + SOCIETY + "' }.officers", equalTo(List.of("Sam Society")));
        given().get("/api/membership/constituencies/C-UNITS-B/units").then().statusCode(404);
        given().get("/api/membership/affiliates/" + UNION + "/officers").then().statusCode(403);
        given().contentType(ContentType.JSON).body(officer("friend", "Friend"))
                .post("/api/membership/affiliates/" + UNION + "/officers").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "impostor", roles = "affiliate-officer")
    @OidcSecurity(claims = {@Claim(key = "preferred_username", value = "impostor"),
            @Claim(key = "affiliates", value = UNION)})
    void aTokenNamingTheAffiliateIsNotEnoughWithoutTheAppointment() {
        given().get("/api/membership/constituencies/" + CONSTITUENCY + "/units").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "old", roles = "affiliate-officer")
    @OidcSecurity(claims = {@Claim(key = "preferred_username", value = "old"), @Claim(key = "affiliates", value = UNION)})
    void aRemovedOfficerReadsNothing() {
        given().get("/api/membership/constituencies/" + CONSTITUENCY + "/units").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "sam", roles = "affiliate-officer")
    @OidcSecurity(claims = @Claim(key = "preferred_username", value = "sam"))
    void anAppointmentIsNotEnoughWithoutTheTokensClaim() {
        given().get("/api/membership/constituencies/" + CONSTITUENCY + "/units").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "scrutineer", roles = "scrutineer")
    @OidcSecurity(claims = @Claim(key = "constituencies", value = CONSTITUENCY))
    void aScrutineerOfTheAreaReadsTheUnits() {
        given().get("/api/membership/constituencies/" + CONSTITUENCY + "/units").then().statusCode(200)
                .body("affiliates.find { it.code == '" + UNION + "' }.officers", equalTo(List.of("Una Officer")));
        given().get("/api/membership/affiliates/" + UNION + "/officers").then().statusCode(200)
                .body("username", equalTo(List.of("una")));
        given().get("/api/membership/constituencies/C-UNITS-B/units").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "committee", roles = "committee-member")
    void otherRolesCannotReadTheUnits() {
        given().get("/api/membership/constituencies/" + CONSTITUENCY + "/units").then().statusCode(403);
    }

    private static Map<String, String> officer(String username, String name) {
        return Map.of("username", username, "name", name, "email", username + "@example.org");
    }

    private void officer(String affiliate, String username, String name, Instant removedAt) {
        pool.preparedQuery("insert into affiliate_officer (id, affiliate, username, display_name, email, added_by, "
                        + "added_at, removed_by, removed_at) select $1, $2, $3, $4, $3 || '@example.org', 'test', now(), "
                        + "case when $5::timestamptz is null then null else 'test' end, $5 "
                        + "where not exists (select 1 from affiliate_officer where affiliate = $2 and username = $3)")
                .execute(Tuple.of(UUID.randomUUID(), affiliate, username, name,
                        removedAt == null ? null : removedAt.atOffset(ZoneOffset.UTC)))
                .await().indefinitely();
    }

    private void sql(String statement, Object... parameters) {
        pool.preparedQuery(statement).execute(Tuple.from(List.of(parameters))).await().indefinitely();
    }

    private long rows(String affiliate) {
        return count("select count(*) from affiliate_officer where affiliate = $1", affiliate);
    }

    private long auditEntries(String affiliate) {
        return count("select count(*) from audit_entry where details like $1", "%affiliate/" + affiliate + "/officer/%");
    }

    private long count(String query, String parameter) {
        return pool.preparedQuery(query).execute(Tuple.of(parameter)).await().indefinitely().iterator().next().getLong(0);
    }

    /** The first {@code count} events keyed by {@code key} on the organisation topic, in their order. */
    private static List<ConsumerRecord<String, String>> awaitEvents(String key, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ORGANISATION));
            Instant deadline = Instant.now().plusSeconds(30);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " events for " + key + ", found " + found.size());
        }
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
