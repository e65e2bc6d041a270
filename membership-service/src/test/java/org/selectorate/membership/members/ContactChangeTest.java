package org.selectorate.membership.members;

import com.fasterxml.jackson.databind.ObjectMapper;
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

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.contracts.member.MemberContactChanged;
import org.selectorate.membership.Fixtures;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Contact changes after the freeze: the member row changes, the frozen roll keeps the contact held at the freeze,
 * and every email change is announced (by the endpoint and by a re-import) so the previous address can be told,
 * naming the open selections whose roll holds the member: none for a closed ballot's roll or a member on no roll.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactChangeTest {
    private static final String REGION = "RCONTACT";
    private static final String CONSTITUENCY = Fixtures.code("CC");
    private static final String BRANCH = CONSTITUENCY + "-N";
    private static final String OPEN = "sel-open-" + UUID.randomUUID();
    private static final String CLOSED = "sel-closed-" + UUID.randomUUID();
    private static final String PREFIX = Fixtures.code("K");

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Test
    @Order(1)
    @TestSecurity(user = "alice", roles = "hq-admin")
    void twoSelectionsAreFrozenAndOneOfTheirBallotsCloses() throws Exception {
        Fixtures.constituency(REGION, CONSTITUENCY);
        Fixtures.branch(CONSTITUENCY, BRANCH);
        String csv = Fixtures.members(PREFIX, 3, BRANCH)
                + PREFIX + "NEW,Recent,Joiner,recent." + PREFIX + "@example.org,,," + BRANCH + ",2026-06-01,active,false\n";
        given().contentType("text/csv").body(csv).post(membersPath()).then().statusCode(200).body("imported", equalTo(4));
        for (String selection : List.of(OPEN, CLOSED)) {
            Fixtures.ballotEvent(json, selection, SelectionCreated.TYPE, new SelectionCreated(selection, CONSTITUENCY, REGION, "Selection",
                    LocalDate.of(2026, 6, 30), 6, true, 1));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from selection where id in ($1, $2)", OPEN, CLOSED) == 2);
        for (String selection : List.of(OPEN, CLOSED)) {
            given().post("/api/membership/selections/" + selection + "/roll/freeze").then().statusCode(201)
                    .body("electorate", equalTo(3));
        }
        String ballot = "b-" + UUID.randomUUID();
        Fixtures.ballotEvent(json, ballot, BallotOpened.TYPE, new BallotOpened(ballot, CLOSED, CONSTITUENCY, "Final", List.of("A", "B"),
                List.of(), "av", "backwards", 1, Instant.now(), Instant.now().plusSeconds(60), "key", "v", "{}", 3,
                BallotOpened.FINAL, null, 1));
        Fixtures.ballotEvent(json, ballot, BallotClosed.TYPE, new BallotClosed(ballot, Instant.now(), Map.of("online", 0L)));
        await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "select count(*) from selection_ballot where selection_id = $1 and closed_at is not null", CLOSED) == 1);
    }

    @Test
    @Order(2)
    @TestSecurity(user = "alice", roles = "hq-admin")
    void anEmailChangeOnAnOpenRollIsAnnouncedForThatSelectionOnly() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "moved@example.org", "phone", "+44 1632 960000", "postalAddress", "1 New Road"))
                .put(contactPath(PREFIX + "0")).then().statusCode(200)
                .body("email", equalTo("moved@example.org")).body("postalAddress", equalTo("1 New Road"))
                .body("selectionsAlerted", equalTo(List.of(OPEN)));
        assertEquals("moved@example.org", memberEmail(PREFIX + "0"));
        // The frozen roll keeps the address held at the freeze: ballot mail goes there.
        assertEquals(1, count("select count(*) from roll_entry where selection_id = $1 and membership_number = $2 "
                + "and email = 'm0." + PREFIX + "@example.org'", OPEN, PREFIX + "0"));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "alice", roles = "hq-admin")
    void noSelectionIsAlertedForACaseOnlyChangeOrAMemberOnNoRoll() {
        given().contentType(ContentType.JSON).body(Map.of("email", "MOVED@example.org"))
                .put(contactPath(PREFIX + "0")).then().statusCode(200)
                .body("selectionsAlerted", hasSize(0)).body("phone", equalTo(null));
        given().contentType(ContentType.JSON).body(Map.of("email", "elsewhere@example.org"))
                .put(contactPath(PREFIX + "NEW")).then().statusCode(200).body("selectionsAlerted", hasSize(0));
    }

    @Test
    @Order(4)
    @TestSecurity(user = "alice", roles = "hq-admin")
    void badContactsAreRefusedAndChangeNothing() {
        given().contentType(ContentType.JSON).body(Map.of("email", "not-an-address", "phone", "call me",
                        "postalAddress", "x".repeat(501)))
                .put(contactPath(PREFIX + "1")).then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(3)).body("errors", hasItem(containsString("email")));
        assertEquals("m1." + PREFIX + "@example.org", memberEmail(PREFIX + "1"));
        given().contentType(ContentType.JSON).body(Map.of("email", "a@example.org"))
                .put(contactPath("NOBODY")).then().statusCode(404);
    }

    @Test
    @Order(5)
    @TestSecurity(user = "rob", roles = "regional-admin")
    @OidcSecurity(claims = @Claim(key = "regions", value = "R-ELSEWHERE"))
    void anAdminOfAnotherAreaIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("email", "a@example.org"))
                .put(contactPath(PREFIX + "1")).then().statusCode(403);
        assertEquals("m1." + PREFIX + "@example.org", memberEmail(PREFIX + "1"));
    }

    @Test
    @Order(6)
    @TestSecurity(user = "sam", roles = "procedures-secretary")
    void aSecretaryCannotChangeAContact() {
        given().contentType(ContentType.JSON).body(Map.of("email", "a@example.org"))
                .put(contactPath(PREFIX + "1")).then().statusCode(403);
    }

    @Test
    @Order(7)
    @TestSecurity(user = "alice", roles = "hq-admin")
    void aReimportWithANewEmailIsAnnouncedToo() throws Exception {
        String csv = Fixtures.HEADER + PREFIX + "1,First1,Last,reimported@example.org,,," + BRANCH
                + ",2015-03-01,active,false\n" + PREFIX + "2,First2,Last,m2." + PREFIX + "@example.org,,," + BRANCH
                + ",2015-03-01,active,false\n";
        given().contentType("text/csv").body(csv).post(membersPath()).then().statusCode(200).body("imported", equalTo(2));

        // The outbox relays in commit order: once the re-import's event is out, every earlier one is too.
        Map<String, MemberContactChanged> events = contactEvents(PREFIX + "1");
        assertEquals(3, events.size(), "every change but the case-only one is announced: " + events.keySet());
        MemberContactChanged onNoRoll = events.get(PREFIX + "NEW");
        assertEquals(List.of(), onNoRoll.selectionIds());
        assertEquals("recent." + PREFIX + "@example.org", onNoRoll.previousEmail());
        MemberContactChanged endpoint = events.get(PREFIX + "0");
        assertEquals(List.of(OPEN), endpoint.selectionIds());
        assertEquals("m0." + PREFIX + "@example.org", endpoint.previousEmail());
        assertEquals("moved@example.org", endpoint.newEmail());
        MemberContactChanged reimport = events.get(PREFIX + "1");
        assertEquals(List.of(OPEN), reimport.selectionIds());
        assertEquals("m1." + PREFIX + "@example.org", reimport.previousEmail());
        assertEquals("reimported@example.org", reimport.newEmail());
    }

    private Map<String, MemberContactChanged> contactEvents(String last) throws Exception {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedPlatform.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, MemberContactChanged> out = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ROLL));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    var type = r.headers().lastHeader("ce_type");
                    if (type == null || !MemberContactChanged.TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))
                            || !r.key().startsWith(PREFIX)) {
                        continue;
                    }
                    assertEquals(null, out.put(r.key(), json.readValue(r.value(), MemberContactChanged.class)),
                            "one event per change");
                }
                if (out.containsKey(last)) {
                    return out;
                }
            }
        }
        throw new AssertionError("no MemberContactChanged for " + last);
    }

    private String memberEmail(String number) {
        return pool.preparedQuery("select email from member where constituency = $1 and membership_number = $2")
                .execute(Tuple.of(CONSTITUENCY, number)).await().indefinitely().iterator().next().getString(0);
    }

    private long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().iterator().next().getLong(0);
    }

    private static String membersPath() {
        return "/api/membership/constituencies/" + CONSTITUENCY + "/members";
    }

    private static String contactPath(String number) {
        return membersPath() + "/" + number + "/contact";
    }
}
