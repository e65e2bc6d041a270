package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.result.MeetingVoteCounted;
import org.selectorate.contracts.result.ResultPublished;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindSigningKey;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.testkit.EmbeddedPlatform;
import org.selectorate.verifier.RecordVerifier;
import org.selectorate.verifier.VerificationReport;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A vote at a meeting: cast and recorded like the final ballot, but nothing of its record is public (entries,
 * heads, progress, result, export, the result event) until ballot-service releases it and it has closed; released
 * as totals only, its count's totals are published and its entries never are.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class MeetingBallotTest {
    private static final List<String> YES_NO = List.of("Yes", "No");

    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aMeetingBallotIsWithheldUntilReleasedAndClosedThenPublishedInFull() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.openMeeting(YES_NO);
        awaitWithheld(ballot);
        List<List<String>> votes = List.of(List.of("Yes"), List.of("No"), List.of("Yes"), List.of("Yes"),
                List.of("No"));
        Map<String, List<String>> byTracker = new LinkedHashMap<>();
        for (List<String> vote : votes) {
            byTracker.put(ballot.cast(ballot.voter(), vote).statusCode(202).extract().path("tracker"), vote);
        }
        // Entries are on the record (three casts make a mix in tests), yet nothing of it answers.
        await().atMost(Duration.ofSeconds(30)).until(() -> entries(ballot) >= 3);
        String detail = "published when its step closes";
        String recorded = recordedTracker(ballot, byTracker.keySet());
        ValidatableResponse known = refused(given().get(FinalBallotTest.base(ballot) + "/entries/" + recorded)
                .then(), detail);
        // Whether a tracker is on the record does not show either.
        refused(given().get(FinalBallotTest.base(ballot) + "/entries/AAAA-AAAA-AAAA-AAAA").then(), detail)
                .body("detail", equalTo(known.extract().path("detail")));
        refusedEverywhere(ballot, detail);

        // Released before it closed (its step closed first): still nothing until the close.
        String release = platform.release(ballot, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(release));
        refused(given().get(FinalBallotTest.base(ballot) + "/head").then(), "published once it has closed");
        refusedEverywhere(ballot, "published once it has closed");

        platform.close(ballot, votes.size() + 1);
        JsonPath result = awaitResult(ballot);
        assertEquals(List.of("Yes"), result.getList("elected"));
        assertEquals(votes.size(), result.getInt("votes"));
        assertFalse(result.getBoolean("totalsOnly"));
        assertEquals(votes.size() + 1, result.getInt("markedRegister.online"));

        // The record verifies as a final ballot's does, and every voter finds their entry.
        String exported = given().get(FinalBallotTest.base(ballot) + "/record").then().statusCode(200)
                .extract().asString();
        RecordDocument record = RecordCodec.read(exported);
        VerificationReport report = RecordVerifier.verify(record);
        assertTrue(report.passed(), report.format());
        assertEquals(byTracker.keySet(), record.entries().stream().map(RecordEntry::tracker)
                .collect(Collectors.toSet()));
        for (Map.Entry<String, List<String>> e : byTracker.entrySet()) {
            assertEquals(e.getValue(), FinalBallotTest.awaitEntry(ballot, e.getKey()).getList("vote"));
        }
        assertEquals(result.getString("recordRoot"),
                record.treeHeads().get(record.treeHeads().size() - 1).head().rootHash());
        given().get(FinalBallotTest.base(ballot) + "/head").then().statusCode(200)
                .body("treeHead.rootHash", equalTo(result.getString("recordRoot")));
        given().queryParam("format", "blt").get(FinalBallotTest.base(ballot) + "/record").then().statusCode(200);
        given().get("/api/tally/ballots/" + ballot.id() + "/progress").then().statusCode(200)
                .body("entries", equalTo(votes.size()));

        JsonNode published = resultEvent(ballot);
        assertEquals(result.getString("recordRoot"), published.get("recordRoot").asText());
        assertEquals(votes.size(), published.get("votes").asInt());
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void releasedAsTotalsOnlyItsCountIsPublishedAndItsEntriesNeverAre() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.openMeeting(YES_NO);
        awaitWithheld(ballot);
        List<String> trackers = new ArrayList<>();
        // A meeting's vote takes one mark: a ranking is refused, and the credential stays unused.
        TallyPlatform.Voter ranker = ballot.voter();
        ballot.cast(ranker, List.of("Yes", "No")).statusCode(400).contentType("application/problem+json")
                .body("type", containsString("one-mark")).body("errors[0]", containsString("one option"));
        for (List<String> vote : List.of(List.of("No"), List.of("Yes"))) {
            trackers.add(ballot.cast(ballot.voter(), vote).statusCode(202).extract().path("tracker"));
        }
        trackers.add(ballot.cast(ranker, List.of("No")).statusCode(202).extract().path("tracker"));
        platform.close(ballot, 4);
        // Counted, but the step has not closed: the result is withheld, and no result event goes out; the totals the
        // chair announces in the room go to ballot-service at once.
        await().atMost(Duration.ofSeconds(60)).until(() -> counted(ballot));
        refusedEverywhere(ballot, "published when its step closes");
        JsonNode announced = new TallyPlatform(json).oneResultEvent(ballot, MeetingVoteCounted.TYPE);
        assertEquals(Map.of("No", 2, "Yes", 1), json.convertValue(announced.get("totals"), Map.class));
        assertEquals(3, announced.get("votes").asInt());
        assertEquals("meeting-" + ballot.id(), announced.get("meetingId").asText());

        String release = platform.release(ballot, true);
        JsonPath result = awaitResult(ballot);
        assertTrue(result.getBoolean("totalsOnly"));
        assertEquals(List.of("No"), result.getList("elected"));
        assertEquals(3, result.getInt("votes"));
        assertEquals(3, result.getInt("votesByChannel.online"));
        assertEquals(4, result.getInt("markedRegister.online"));
        assertNull(result.getString("recordRoot"));
        assertEquals(0, new BigDecimal(result.getString("stages[0].tallies.No")).compareTo(BigDecimal.valueOf(2)));
        assertEquals(0, new BigDecimal(result.getString("stages[0].tallies.Yes")).compareTo(BigDecimal.ONE));
        given().get("/api/tally/ballots/" + ballot.id() + "/progress").then().statusCode(200)
                .body("entries", equalTo(3));

        String never = "never published";
        for (String tracker : trackers) {
            refused(given().get(FinalBallotTest.base(ballot) + "/entries/" + tracker).then(), never);
        }
        refused(given().get(FinalBallotTest.base(ballot) + "/head").then(), never);
        refused(given().get(FinalBallotTest.base(ballot) + "/record").then(), never);
        refused(given().queryParam("format", "blt").get(FinalBallotTest.base(ballot) + "/record").then(), never);

        // A later release in full does not undo totals only.
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(release));
        String again = platform.release(ballot, false);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(again));
        refused(given().get(FinalBallotTest.base(ballot) + "/record").then(), never);
        given().get(FinalBallotTest.base(ballot) + "/result").then().statusCode(200).body("totalsOnly", equalTo(true));

        // One result event, sent at the release (none at the count), with totals only.
        JsonNode published = resultEvent(ballot);
        assertTrue(published.get("recordRoot").isNull(), published.toString());
        assertEquals(3, published.get("votes").asInt());
        assertEquals(List.of("No"), json.convertValue(published.get("elected"), List.class));
    }

    @Test
    void aBallotOpenedWithoutAKindIsAFinalBallot() throws Exception {
        String id = "old-ballot-" + UUID.randomUUID().toString().substring(0, 8);
        BlindSigningKey issuer = BlindSigningKey.generate(2048, BlindRsaVariant.SHA384_PSS_RANDOMIZED,
                TallyPlatform.RANDOM);
        ObjectNode event = json.valueToTree(new TallyPlatform(json).opened(id, YES_NO, List.of(), 3,
                Duration.ofDays(1), issuer, null, null));
        event.remove(List.of("kind", "meetingId"));
        TallyPlatform.send(Topics.BALLOTS, id, BallotOpened.TYPE, json.writeValueAsString(event));
        Ballot ballot = new Ballot(id, issuer);
        FinalBallotTest.awaitKnown(ballot);
        assertEquals("final", ballotRow(ballot).getString("kind"));
        given().get(FinalBallotTest.base(ballot) + "/head").then().statusCode(200)
                .body("publicKey", equalTo(ballotRow(ballot).getString("tree_head_public")));
    }

    /** Head, result, export and progress all refuse, with a detail saying when they will be published. */
    private static void refusedEverywhere(Ballot ballot, String detail) {
        refused(given().get(FinalBallotTest.base(ballot) + "/head").then(), detail);
        refused(given().get(FinalBallotTest.base(ballot) + "/result").then(), detail);
        refused(given().get(FinalBallotTest.base(ballot) + "/record").then(), detail);
        refused(given().queryParam("format", "blt").get(FinalBallotTest.base(ballot) + "/record").then(), detail);
        refused(given().get("/api/tally/ballots/" + ballot.id() + "/progress").then(), detail);
    }

    private static ValidatableResponse refused(ValidatableResponse response, String detail) {
        return response.statusCode(404).body("type", containsString("not-published"))
                .body("detail", containsString(detail));
    }

    /** Known to the service (a ballot it does not know is plainly not found). */
    private static void awaitWithheld(Ballot ballot) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                refused(given().get(FinalBallotTest.base(ballot) + "/result").then(), "published when its step"));
    }

    private static JsonPath awaitResult(Ballot ballot) {
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> given().get(FinalBallotTest.base(ballot) + "/result").then().extract(),
                r -> r.statusCode() == 200).jsonPath();
    }

    private String recordedTracker(Ballot ballot, Iterable<String> trackers) {
        List<String> candidates = new ArrayList<>();
        trackers.forEach(candidates::add);
        return pool.preparedQuery("select tracker from record_entry where ballot_id = $1 and tracker = any($2)")
                .execute(Tuple.of(ballot.id(), candidates.toArray(String[]::new))).await().indefinitely()
                .iterator().next().getString("tracker");
    }

    private long entries(Ballot ballot) {
        return pool.preparedQuery("select count(*) from record_entry where ballot_id = $1")
                .execute(Tuple.of(ballot.id())).await().indefinitely().iterator().next().getLong(0);
    }

    private boolean counted(Ballot ballot) {
        return "counted".equals(ballotRow(ballot).getString("status"));
    }

    private Row ballotRow(Ballot ballot) {
        return pool.preparedQuery("select * from tally_ballot where id = $1").execute(Tuple.of(ballot.id()))
                .await().indefinitely().iterator().next();
    }

    private boolean applied(String eventId) {
        return pool.preparedQuery("select count(*) from inbox_event where event_id = $1")
                .execute(Tuple.of(eventId)).await().indefinitely().iterator().next().getLong(0) > 0;
    }

    /** The ballot's one ResultPublished on the results topic; fails if there are none or several. */
    private JsonNode resultEvent(Ballot ballot) throws Exception {
        return new TallyPlatform(json).oneResultEvent(ballot, ResultPublished.TYPE);
    }

}
