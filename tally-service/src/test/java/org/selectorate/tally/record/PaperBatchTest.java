package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.PapersCancelled;
import org.selectorate.contracts.ballot.PapersIssued;
import org.selectorate.integrity.paper.PaperNumber;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.ChannelAccount;
import org.selectorate.integrity.record.PaperRef;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.tracker.Tracker;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.testkit.EmbeddedPlatform;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Postal and in-person papers keyed twice by two tellers into the same record as online casts: an agreeing batch is
 * appended with its channel and paper references, a disagreeing one waits for a scrutineer, the count waits for
 * both and for an officer's request, and the ballot paper account reconciles in the result and the export. Every
 * refusal is a problem that changes nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class PaperBatchTest {
    private static final List<String> CANDIDATES = List.of("Ada Lovelace", "Bo Diddley", "Cy Twombly");
    private static final String CONSTITUENCY = "C-SOUTH"; // TallyPlatform's ballots

    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;
    @Inject
    TestIdentityAssociation identities;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void papersKeyedTwiceJoinTheOnlineVotesInOneCountWhoseAccountReconciles() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(CANDIDATES, List.of(), 7);
        FinalBallotTest.awaitKnown(ballot);
        List<PaperNumber> postal = issue(ballot, "postal", 4);
        List<PaperNumber> inPerson = issue(ballot, "in-person", 3);
        cancel(ballot, "postal", postal.get(3), "declaration-unsigned");
        List<List<String>> online = List.of(List.of("Ada Lovelace"), List.of("Bo Diddley", "Ada Lovelace"),
                List.of("Ada Lovelace", "Cy Twombly"));
        for (List<String> vote : online) {
            ballot.cast(ballot.voter(), vote).statusCode(202);
        }

        // A postal batch: two votes and a spoilt paper, keyed alike by two tellers.
        List<Map<String, Object>> postalPapers = List.of(vote(postal.get(0), "Bo Diddley"),
                vote(postal.get(1), "Cy Twombly", "Bo Diddley"), spoilt(postal.get(2), "unmarked"));
        asTeller("tess");
        String postalBatch = key(ballot, "postal", postalPapers).statusCode(201)
                .body("status", equalTo("keyed-once")).body("papers", equalTo(3)).extract().path("batch");
        second(ballot, postalBatch, "postal", postalPapers).statusCode(409)
                .body("type", containsString("same-teller"));
        asTeller("tom");
        second(ballot, postalBatch, "postal", postalPapers).statusCode(200).body("status", equalTo("agreed"));
        assertEquals(Set.of("used"), statuses(ballot, postal.subList(0, 3)));

        // An in-person batch the tellers disagree on: a scrutineer decides it.
        asTeller("tess");
        String inPersonBatch = key(ballot, "in-person", List.of(vote(inPerson.get(0), "Ada Lovelace"),
                vote(inPerson.get(1), "Cy Twombly"))).statusCode(201).extract().path("batch");
        asTeller("tom");
        second(ballot, inPersonBatch, "in-person", List.of(vote(inPerson.get(0), "Ada Lovelace"),
                vote(inPerson.get(1), "Bo Diddley"))).statusCode(200).body("status", equalTo("disputed"));
        assertEquals(Set.of("issued"), statuses(ballot, inPerson.subList(0, 2)), "a disputed batch uses no paper");

        TallyPlatform.send(Topics.BALLOTS, ballot.id(), BallotClosed.TYPE, json.writeValueAsString(new BallotClosed(
                ballot.id(), Instant.now(), Map.of("online", 3L, "postal", 4L, "in-person", 3L),
                Map.of("postal", new BallotClosed.PaperIssue(4, 4L, Map.of("declaration-unsigned", 1L)),
                        "in-person", new BallotClosed.PaperIssue(3, null, Map.of())), Map.of(), Map.of())));
        await().atMost(Duration.ofSeconds(60)).until(() -> drained(ballot));

        asTeller("olive");
        given().post(tally(ballot) + "/count").then().statusCode(409).body("type", containsString("papers-pending"))
                .body("errors", hasItem(inPersonBatch + ": disputed"));
        given().get(tally(ballot) + "/paper-batches").then().statusCode(200).body("$", hasSize(2))
                .body("find { it.batch == '" + inPersonBatch + "' }.status", equalTo("disputed"))
                .body("find { it.batch == '" + postalBatch + "' }.status", equalTo("appended"));
        given().contentType(ContentType.JSON).body(Map.of("papers", List.of()))
                .post(tally(ballot) + "/paper-batches/" + inPersonBatch + "/adjudication").then().statusCode(403);

        as("sam", Set.of("scrutineer"));
        given().get(tally(ballot) + "/paper-batches/" + inPersonBatch + "/differences").then().statusCode(200)
                .body("differences", hasSize(1)).body("differences[0].item", equalTo(2))
                .body("differences[0].first.vote", equalTo(List.of("Cy Twombly")))
                .body("differences[0].second.vote", equalTo(List.of("Bo Diddley")));
        given().contentType(ContentType.JSON).body(Map.of("papers", List.of(vote(inPerson.get(0), "Ada Lovelace"),
                        vote(inPerson.get(1), "Cy Twombly"))))
                .post(tally(ballot) + "/paper-batches/" + inPersonBatch + "/adjudication").then().statusCode(200)
                .body("status", equalTo("agreed"));
        given().post(tally(ballot) + "/count").then().statusCode(403);

        asTeller("olive");
        given().post(tally(ballot) + "/count").then().statusCode(202);
        given().post(tally(ballot) + "/count").then().statusCode(409);
        key(ballot, "in-person", List.of(vote(inPerson.get(2), "Ada Lovelace"))).statusCode(409)
                .body("type", containsString("counted"));

        JsonPath result = await().atMost(Duration.ofSeconds(60)).until(
                () -> given().get(FinalBallotTest.base(ballot) + "/result").then().extract(),
                r -> r.statusCode() == 200).jsonPath();
        assertEquals(7, result.getInt("votes"));
        assertEquals(Map.of("online", 3, "postal", 2, "in-person", 2), result.getMap("votesByChannel"));
        assertTrue(result.getBoolean("reconciled"), result.prettify());
        assertEquals(Map.of("issued", 4, "returned", 4, "rejected", Map.of("declaration-unsigned", 1),
                "spoilt", Map.of("unmarked", 1), "counted", 2), result.getMap("paperAccount.postal"));
        assertEquals(3, result.getInt("paperAccount.'in-person'.issued"));
        assertEquals(2, result.getInt("paperAccount.'in-person'.returned"));
        assertEquals(3, result.getInt("paperAccount.online.counted"));

        RecordDocument record = RecordCodec.read(given().get(FinalBallotTest.base(ballot) + "/record").then()
                .statusCode(200).extract().asString());
        VerificationReport report = RecordVerifier.verify(record);
        assertTrue(report.passed(), report.format());
        assertEquals(new ChannelAccount(4, 4, Map.of("declaration-unsigned", 1L), Map.of("unmarked", 1L), 2),
                record.paperAccount().get(Channel.POSTAL));
        assertEquals(Set.of(Channel.ONLINE, Channel.POSTAL, Channel.IN_PERSON), record.paperAccount().keySet());
        record.paperAccount().values().forEach(a -> assertTrue(a.problems().isEmpty(), a.problems().toString()));
        List<RecordEntry> papers = record.entries().stream().filter(e -> e.channel().isPaper()).toList();
        assertEquals(Set.of(new PaperRef(postalBatch, 1), new PaperRef(postalBatch, 2),
                new PaperRef(inPersonBatch, 1), new PaperRef(inPersonBatch, 2)),
                papers.stream().map(RecordEntry::paper).collect(Collectors.toSet()));
        papers.forEach(e -> assertNull(e.token()));
        Map<String, List<String>> postalVotes = new HashMap<>();
        papers.stream().filter(e -> e.channel() == Channel.POSTAL).forEach(e -> postalVotes.put(e.tracker(), e.vote()));
        assertEquals(Set.of(List.of("Bo Diddley"), List.of("Cy Twombly", "Bo Diddley")),
                Set.copyOf(postalVotes.values()));
        // A paper entry is found by its tracker, with its batch and item in the leaf its proof is for.
        String tracker = Tracker.forPaper(ballot.id(), inPersonBatch, 1).value();
        given().get(FinalBallotTest.base(ballot) + "/entries/" + tracker).then().statusCode(200)
                .body("channel", equalTo("in-person")).body("leaf.paper.batch", equalTo(inPersonBatch));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void badBatchesAreRefusedAndChangeNothing() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(CANDIDATES, List.of(), 9);
        FinalBallotTest.awaitKnown(ballot);
        List<PaperNumber> postal = issue(ballot, "postal", 3);
        List<PaperNumber> inPerson = issue(ballot, "in-person", 1);
        cancel(ballot, "postal", postal.get(2), "replaced");
        PaperNumber stranger = PaperNumber.random(TallyPlatform.RANDOM);

        asTeller("tess");
        key(ballot, "postal", List.of(vote(postal.get(0), "Ada Lovelace"), vote(stranger, "Bo Diddley")))
                .statusCode(400).body("type", containsString("unknown-paper"))
                .body("detail", containsString("item 2")).body("detail", containsString(stranger.grouped()));
        key(ballot, "postal", List.of(Map.of("paper", "not a number", "vote", List.of("Ada Lovelace"))))
                .statusCode(400).body("type", containsString("unknown-paper")).body("detail", containsString("item 1"));
        key(ballot, "postal", List.of(vote(postal.get(2), "Ada Lovelace"))).statusCode(409)
                .body("type", containsString("paper-cancelled")).body("detail", containsString("replaced"));
        key(ballot, "postal", List.of(vote(postal.get(0), "Ada Lovelace"), vote(postal.get(0), "Bo Diddley")))
                .statusCode(400).body("type", containsString("paper-repeated"))
                .body("detail", containsString("items 1 and 2"));
        key(ballot, "postal", List.of(vote(inPerson.get(0), "Ada Lovelace"))).statusCode(400)
                .body("type", containsString("wrong-channel"));
        key(ballot, "postal", List.of(vote(postal.get(0), "Ada Lovelace", "Ada Lovelace"))).statusCode(400)
                .body("type", containsString("invalid-request")).body("errors[0]", containsString("item 1"));
        key(ballot, "postal", List.of(vote(postal.get(0), "Zed Unknown"))).statusCode(400)
                .body("type", containsString("invalid-request"));
        key(ballot, "postal", List.of(Map.of("paper", postal.get(0).grouped()))).statusCode(400);
        key(ballot, "online", List.of(vote(postal.get(0), "Ada Lovelace"))).statusCode(400);
        given().get(tally(ballot) + "/paper-batches").then().statusCode(200).body("$", hasSize(0));
        assertEquals(Set.of("issued"), statuses(ballot, postal.subList(0, 2)));

        // A paper in a batch still being keyed, or in an agreed one, is in another batch.
        String first = key(ballot, "postal", List.of(vote(postal.get(0), "Ada Lovelace"))).statusCode(201)
                .extract().path("batch");
        key(ballot, "postal", List.of(vote(postal.get(0), "Ada Lovelace"))).statusCode(409)
                .body("type", containsString("paper-used"));
        // The second entry is checked as the first: a stranger's number changes nothing.
        asTeller("tom");
        second(ballot, first, "postal", List.of(vote(stranger, "Ada Lovelace"))).statusCode(400);
        second(ballot, first, "postal", List.of(vote(postal.get(0), "Ada Lovelace"))).statusCode(200)
                .body("status", equalTo("agreed"));
        second(ballot, first, "postal", List.of(vote(postal.get(0), "Ada Lovelace"))).statusCode(409)
                .body("type", containsString("batch-keyed"));
        key(ballot, "postal", List.of(vote(postal.get(0), "Ada Lovelace"))).statusCode(409)
                .body("type", containsString("paper-used"));

        // Keyed only by people who may: a teller of another constituency sees no such ballot, a candidate is refused.
        as("ned", Set.of("procedures-secretary"), "C-ELSEWHERE");
        key(ballot, "postal", List.of(vote(postal.get(1), "Ada Lovelace"))).statusCode(404);
        as("cat", Set.of("candidate"));
        key(ballot, "postal", List.of(vote(postal.get(1), "Ada Lovelace"))).statusCode(403);
        as("sam", Set.of("scrutineer"));
        key(ballot, "postal", List.of(vote(postal.get(1), "Ada Lovelace"))).statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("papers", List.of(vote(postal.get(1), "Ada Lovelace"))))
                .post(tally(ballot) + "/paper-batches/" + first + "/adjudication").then().statusCode(409)
                .body("type", containsString("not-disputed"));

        asTeller("olive");
        given().post(tally(ballot) + "/count").then().statusCode(409).body("type", containsString("not-closed"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get(tally(ballot) + "/paper-batches")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].status", equalTo("appended"))
                .body("[0].papers", equalTo(1)));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aBallotWithoutPapersIsStillCountedAtItsClose() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(CANDIDATES, List.of(), 11);
        FinalBallotTest.awaitKnown(ballot);
        ballot.cast(ballot.voter(), List.of("Bo Diddley")).statusCode(202);
        platform.close(ballot, 2);
        JsonPath result = await().atMost(Duration.ofSeconds(60)).until(
                () -> given().get(FinalBallotTest.base(ballot) + "/result").then().extract(),
                r -> r.statusCode() == 200).jsonPath();
        assertEquals(Map.of("issued", 2, "returned", 1, "rejected", Map.of(), "spoilt", Map.of(), "counted", 1),
                result.getMap("paperAccount.online"));
        assertTrue(result.getBoolean("reconciled"));
        asTeller("olive");
        given().post(tally(ballot) + "/count").then().statusCode(409);
    }

    private List<PaperNumber> issue(Ballot ballot, String channel, int n) throws Exception {
        List<PaperNumber> numbers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            numbers.add(PaperNumber.random(TallyPlatform.RANDOM));
        }
        TallyPlatform.send(Topics.BALLOTS, ballot.id(), PapersIssued.TYPE, json.writeValueAsString(
                new PapersIssued(ballot.id(), channel, numbers.stream().map(PaperNumber::digest).toList())));
        await().atMost(Duration.ofSeconds(60)).until(() -> statuses(ballot, numbers).equals(Set.of("issued")));
        return numbers;
    }

    private void cancel(Ballot ballot, String channel, PaperNumber number, String reason) throws Exception {
        TallyPlatform.send(Topics.BALLOTS, ballot.id(), PapersCancelled.TYPE, json.writeValueAsString(
                new PapersCancelled(ballot.id(), channel, List.of(number.digest()), reason)));
        await().atMost(Duration.ofSeconds(60)).until(() -> statuses(ballot, List.of(number))
                .equals(Set.of("cancelled")));
    }

    /** The statuses of these papers (a set: every one must be known for a single status to mean all). */
    private Set<String> statuses(Ballot ballot, List<PaperNumber> numbers) {
        List<String> found = new ArrayList<>();
        pool.preparedQuery("select status from paper where ballot_id = $1 and digest = any($2)")
                .execute(Tuple.of(ballot.id(), numbers.stream().map(PaperNumber::digest).toArray(String[]::new)))
                .await().indefinitely().forEach(row -> found.add(row.getString("status")));
        return found.size() == numbers.size() ? Set.copyOf(found) : Set.of();
    }

    private boolean drained(Ballot ballot) {
        Row row = pool.preparedQuery("select casts_drained from tally_ballot where id = $1")
                .execute(Tuple.of(ballot.id())).await().indefinitely().iterator().next();
        return row.getBoolean("casts_drained");
    }

    private static Map<String, Object> vote(PaperNumber paper, String... ranking) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("paper", paper.grouped().toLowerCase()); // as a teller might type it
        item.put("vote", List.of(ranking));
        return item;
    }

    private static Map<String, Object> spoilt(PaperNumber paper, String reason) {
        return Map.of("paper", paper.grouped(), "spoilt", reason);
    }

    private static ValidatableResponse key(Ballot ballot, String channel, List<Map<String, Object>> papers) {
        return given().contentType(ContentType.JSON).body(Map.of("channel", channel, "papers", papers))
                .post(tally(ballot) + "/paper-batches").then();
    }

    private static ValidatableResponse second(Ballot ballot, String batch, String channel,
                                              List<Map<String, Object>> papers) {
        return given().contentType(ContentType.JSON).body(Map.of("channel", channel, "papers", papers))
                .post(tally(ballot) + "/paper-batches/" + batch + "/entries").then();
    }

    private static String tally(Ballot ballot) {
        return "/api/tally/ballots/" + ballot.id();
    }

    private void asTeller(String user) {
        as(user, Set.of("procedures-secretary"));
    }

    private void as(String user, Set<String> roles) {
        as(user, roles, CONSTITUENCY);
    }

    private void as(String user, Set<String> roles, String constituency) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(user);
        claims.setClaim("preferred_username", user);
        claims.setClaim("constituencies", List.of(constituency));
        identities.setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal(claims)).addRoles(roles).build());
    }
}
