package org.selectorate.ballot.attendance;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.FinalBallots;
import org.selectorate.ballot.TestEvents;
import org.selectorate.ballot.ballot.MeetingVoteService;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.BallotReleased;
import org.selectorate.contracts.organisation.BranchCreated;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.support.problem.ProblemException;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class AttendanceTest {
    @Inject
    MeetingVoteService votes;

    private static final String REGION = "R-attend";
    private static final Instant STARTS = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aBranchMeetingAdmitsItsOwnBranchsElectorsOnceAndCountsTowardsTheQuorum() {
        String c = TestEvents.knownConstituency(REGION);
        String west = c + "-W";
        String east = c + "-E";
        TestEvents.send(Topics.ORGANISATION, c, BranchCreated.TYPE, new BranchCreated(west, "West", c, REGION));
        TestEvents.send(Topics.ORGANISATION, c, BranchCreated.TYPE, new BranchCreated(east, "East", c, REGION));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/ballots/constituencies/" + c
                + "/units").then().statusCode(200).body("branches.code", equalTo(List.of(east, west))));
        String selection = given().contentType(ContentType.JSON)
                .body(Map.of("constituency", c, "title", "Attendance " + c, "freezeDate", "2026-05-01",
                        "rulebook", Map.of("meetingQuorum", 2)))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
        String batch = UUID.randomUUID().toString().substring(0, 6);
        List<RollEntries.Elector> electors = List.of(
                new RollEntries.Elector("W1" + batch, "West One", "w1-" + batch + "@example.org", west),
                new RollEntries.Elector("W2" + batch, "West Two", "w2-" + batch + "@example.org", west),
                new RollEntries.Elector("E1" + batch, "East One", "e1-" + batch + "@example.org", east));
        FinalBallots.roll(selection, electors);
        String meetings = "/api/ballots/selections/" + selection + "/meetings";

        // A branch the constituency does not have is refused, and no meeting is made.
        given().contentType(ContentType.JSON).body(meeting("Trigger meeting", "Nowhere"))
                .post(meetings).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0]", containsString("not a branch of constituency " + c));
        given().get(meetings).then().statusCode(200).body("$", empty());

        String meeting = given().contentType(ContentType.JSON).body(meeting("West trigger meeting", west))
                .post(meetings).then().statusCode(201).body("branch", equalTo(west)).extract().path("id");
        String attendance = meetings + "/" + meeting + "/attendance";
        attend(attendance, "W1" + batch).statusCode(409).body("type", containsString("meeting-not-started"));
        // The branch is fixed: a change may repeat it, not alter it.
        given().contentType(ContentType.JSON).body(meeting("West trigger meeting", east))
                .put(meetings + "/" + meeting).then().statusCode(400).body("errors[0]", containsString(west));
        given().post(meetings + "/" + meeting + "/start").then().statusCode(200);

        attend(attendance, "W1" + batch).statusCode(200).body("attending", equalTo(1)).body("quorum", equalTo(2))
                .body("quorate", equalTo(false)).body("branch", equalTo(west));
        attend(attendance, " W1" + batch + " ").statusCode(409).body("type", containsString("already-attending"));
        attend(attendance, "E1" + batch).statusCode(409).body("type", containsString("other-branch"))
                .body("detail", containsString(east));
        attend(attendance, "X9" + batch).statusCode(409).body("type", containsString("not-on-roll"));
        attend(attendance, "").statusCode(400);
        given().get(attendance).then().statusCode(200).body("attending", equalTo(1));

        attend(attendance, "W2" + batch).statusCode(200).body("attending", equalTo(2)).body("quorate", equalTo(true));
        given().get(meetings + "/" + UUID.randomUUID() + "/attendance").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aQuorateMeetingVotesInSecretWithCodesForItsAttendeesOnly() throws Throwable {
        String c = TestEvents.knownConstituency(REGION);
        String west = c + "-W";
        TestEvents.send(Topics.ORGANISATION, c, BranchCreated.TYPE, new BranchCreated(west, "West", c, REGION));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/ballots/constituencies/" + c
                + "/units").then().statusCode(200).body("branches.code", equalTo(List.of(west))));
        String selection = given().contentType(ContentType.JSON)
                .body(Map.of("constituency", c, "title", "Votes " + c, "freezeDate", "2026-05-01",
                        "rulebook", Map.of("meetingQuorum", 2)))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
        for (String name : List.of("Ada", "Mary", "Grace")) {
            given().contentType(ContentType.JSON).body(Map.of("name", name))
                    .post("/api/ballots/selections/" + selection + "/candidates").then().statusCode(201);
        }
        String batch = UUID.randomUUID().toString().substring(0, 6);
        List<RollEntries.Elector> electors = java.util.stream.IntStream.range(0, 4).mapToObj(i ->
                new RollEntries.Elector("V" + i + batch, "Voter " + i, "v" + i + "-" + batch + "@example.org", west))
                .toList();
        FinalBallots.roll(selection, electors);
        String meetings = "/api/ballots/selections/" + selection + "/meetings";
        Map<String, Object> body = new java.util.HashMap<>(meeting("West branch meeting", west));
        body.put("step", "trigger");
        String meeting = given().contentType(ContentType.JSON).body(body)
                .post(meetings).then().statusCode(201).body("step", equalTo("trigger")).extract().path("id");
        given().post(meetings + "/" + meeting + "/start").then().statusCode(200);
        String votes = meetings + "/" + meeting + "/votes";
        Map<String, Object> trigger = Map.of("question", "Should there be an open selection?", "kind", "yes-no",
                "closesAt", Instant.now().plusSeconds(3600).toString());

        attend(meetings + "/" + meeting + "/attendance", "V0" + batch).statusCode(200);
        given().contentType(ContentType.JSON).body(trigger).post(votes).then().statusCode(409)
                .body("type", containsString("no-quorum")).body("detail", containsString("quorum for a meeting is 2"));
        attend(meetings + "/" + meeting + "/attendance", "V1" + batch).statusCode(200);
        attend(meetings + "/" + meeting + "/attendance", "V2" + batch).statusCode(200);

        given().contentType(ContentType.JSON).body(Map.of("question", "Round 1", "kind", "round",
                        "candidates", List.of("Ada", "Nobody"), "closesAt", STARTS.toString()))
                .post(votes).then().statusCode(400).body("errors[0]", containsString("Nobody"));
        given().contentType(ContentType.JSON).body(Map.of("question", "Round 1", "kind", "show-of-hands",
                "closesAt", STARTS.toString())).post(votes).then().statusCode(400);
        given().get(votes).then().statusCode(200).body("$", empty());

        String ballot = given().contentType(ContentType.JSON).body(trigger).post(votes).then().statusCode(201)
                .body("kind", equalTo("meeting")).body("meetingId", equalTo(meeting))
                .body("candidates", equalTo(List.of("Yes", "No"))).body("electorate", equalTo(3))
                .extract().path("id");
        given().contentType(ContentType.JSON).body(trigger).post(votes).then().statusCode(409)
                .body("type", containsString("meeting-vote-open"));
        // Codes go to the three attendees, not to the fourth elector; the record is withheld until the step closes.
        List<String> mailed = FinalBallots.accessCodeEvents(ballot, 3).stream().map(e -> e.email()).sorted().toList();
        assertEquals(List.of("v0-" + batch + "@example.org", "v1-" + batch + "@example.org",
                "v2-" + batch + "@example.org"), mailed);
        BallotOpened opened = TestEvents.read(TestEvents.awaitEvents(Topics.BALLOTS, ballot, BallotOpened.TYPE, 1)
                .get(0), BallotOpened.class);
        assertTrue(opened.withheld());
        assertEquals(meeting, opened.meetingId());
        // An attendee's code buys a credential, as for the final ballot.
        Map<String, String> codes = FinalBallots.accessCodes(ballot, 3);
        FinalBallots.redeem(ballot, codes.get("v1-" + batch + "@example.org"), FinalBallots.publicKey(ballot))
                .statusCode(200);
        // The meeting's vote is not the selection's final ballot.
        given().get("/api/ballots/selections/" + selection + "/ballots").then().statusCode(200).body("$", empty());
        given().get(votes).then().statusCode(200).body("id", equalTo(List.of(ballot)));

        // The step cannot release its meetings' records while a vote is open; once closed (by the meeting, no
        // co-signature), it releases this one once, as totals only: one voter is fewer than the rulebook's 10.
        assertThrows(ProblemException.class, () -> release(selection));
        given().post(votes + "/" + ballot + "/close").then().statusCode(200).body("status", equalTo("closed"));
        given().post(votes + "/" + ballot + "/close").then().statusCode(409);
        assertEquals(List.of(UUID.fromString(ballot)), release(selection));
        assertEquals(List.of(), release(selection));
        BallotReleased released = TestEvents.read(TestEvents.awaitEvents(Topics.BALLOTS, ballot, BallotReleased.TYPE, 1)
                .get(0), BallotReleased.class);
        assertTrue(released.totalsOnly());
        assertEquals("trigger", released.step());
    }

    private List<UUID> release(String selection) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                Selection.<Selection>findById(UUID.fromString(selection))
                        .chain(s -> votes.release(s, "trigger", Instant.now()))));
    }

    @Test
    @TestSecurity(user = "cat", roles = "candidate")
    void onlyOrganisersRegisterAttendance() {
        attend("/api/ballots/selections/" + UUID.randomUUID() + "/meetings/" + UUID.randomUUID() + "/attendance",
                "M1").statusCode(403);
    }

    private static io.restassured.response.ValidatableResponse attend(String path, String number) {
        return given().contentType(ContentType.JSON).body(Map.of("membershipNumber", number)).post(path).then();
    }

    private static Map<String, Object> meeting(String title, String branch) {
        return Map.of("title", title, "startsAt", STARTS.toString(), "endsAt", STARTS.plusSeconds(7200).toString(),
                "location", "Community hall", "branch", branch);
    }
}
