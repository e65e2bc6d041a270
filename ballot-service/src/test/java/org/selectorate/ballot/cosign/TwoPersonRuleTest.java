package org.selectorate.ballot.cosign;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.CandidateWithdrawn;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selectorate.ballot.FinalBallots.ballot;
import static org.selectorate.ballot.FinalBallots.electors;
import static org.selectorate.ballot.FinalBallots.roll;
import static org.selectorate.ballot.FinalBallots.selection;
import static org.selectorate.ballot.People.as;
import static org.selectorate.ballot.People.proposed;

/**
 * The two-person rule: what an admin (or the procedures secretary) attempts alone becomes a proposal (409
 * cosign-required), done only when a scrutineer of the area who is another person (by token subject, whatever the
 * username) co-signs exactly it, with the state it was proposed in unchanged.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestSecurity(user = "hq", roles = "hq-admin")
class TwoPersonRuleTest {
    /** FinalBallots' selections are in this region. */
    private static final String REGION = "R-test";
    private static final Instant STARTS = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aWithdrawalAfterOpeningIsDoneOnlyWhenAnotherPersonWhoIsAScrutineerOfTheAreaCoSignsIt() {
        String selection = selection("Ada", "Mary", "Grace", "Hedy");
        roll(selection, electors(2));
        String ballot = ballot(selection);
        String candidates = "/api/ballots/selections/" + selection + "/candidates/";
        as("sub-ana", "ana", Set.of("regional-admin"), List.of(REGION), List.of());
        // Before opening, an admin withdraws a candidate alone.
        given().contentType(ContentType.JSON).body("{}").post(candidates + "Hedy/withdraw").then().statusCode(200);
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);

        // After: without a reason, nothing at all; with one, a proposal and nothing done yet.
        given().contentType(ContentType.JSON).body("{}").post(candidates + "Grace/withdraw").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", contains("reason: must not be blank"));
        ExtractableResponse<Response> proposal = proposed(given().contentType(ContentType.JSON)
                .body(Map.of("reason", "Grace stood down")).post(candidates + "Grace/withdraw").then()
                .header("Location", containsString("/api/ballots/proposals/"))
                .body("detail", containsString("withdrawing Grace"))
                .body("proposal.kind", equalTo("withdraw-candidate"))
                .body("proposal.proposedBy", equalTo("ana"))
                .body("proposal.proposerSubject", equalTo("sub-ana"))
                .body("proposal.proposerRole", equalTo("regional-admin")));
        String digest = proposal.path("proposal.digest");
        assertEquals(digest, Digest.sha256(proposal.<String>path("proposal.canonical")
                .getBytes(StandardCharsets.UTF_8)).hex());
        given().get("/api/ballots/public/ballots/" + ballot).then().body("withdrawn", empty());

        String id = proposal.path("proposal.id");
        Map<String, String> agreed = Map.of("reason", "Grace's letter seen", "digest", digest);
        // The same person under another username, now also a scrutineer: the subject decides.
        as("sub-ana", "ana.scrutineer", Set.of("scrutineer"), List.of(REGION), List.of());
        cosign(id, agreed).statusCode(403).contentType("application/problem+json");
        // Another person who is not a scrutineer.
        as("sub-reg", "reg", Set.of("regional-admin"), List.of(REGION), List.of());
        cosign(id, agreed).statusCode(403);
        // A scrutineer of another area sees no such proposal.
        as("sub-far", "far", Set.of("scrutineer"), List.of("R-elsewhere"), List.of());
        cosign(id, agreed).statusCode(404);
        given().get("/api/ballots/proposals/" + id).then().statusCode(404);
        // Another person who happens to have the proposer's old username, a scrutineer of the area: a second person.
        as("sub-sam", "ana", Set.of("scrutineer"), List.of(REGION), List.of());
        cosign(id, Map.of("reason", "looks right", "digest", "0".repeat(64))).statusCode(409)
                .body("type", endsWith("/proposal-mismatch"));
        given().get("/api/ballots/public/ballots/" + ballot).then().body("withdrawn", empty());
        cosign(id, agreed).statusCode(200)
                .body("status", equalTo("done"))
                .body("deciderSubject", equalTo("sub-sam"))
                .body("deciderRole", equalTo("scrutineer"))
                .body("decisionReason", equalTo("Grace's letter seen"));
        given().get("/api/ballots/public/ballots/" + ballot).then()
                .body("candidates", contains("Ada", "Mary", "Grace")).body("withdrawn", contains("Grace"));
        cosign(id, agreed).statusCode(409).body("type", endsWith("/proposal-decided"));
        assertTrue(TestEvents.awaitEvents(Topics.BALLOTS, selection, CandidateWithdrawn.TYPE, 2).stream()
                .map(r -> TestEvents.read(r, CandidateWithdrawn.class).name()).toList().contains("Grace"));
        given().get("/api/ballots/selections/" + selection + "/proposals").then().statusCode(200)
                .body("id", contains(id)).body("status", contains("done"));
    }

    @Test
    void closingBeforeTheClosingTimeNeedsACoSignatureBoundToTheBallotStillOpen() {
        String selection = selection("Ada", "Mary");
        roll(selection, electors(2));
        String ballot = ballot(selection);
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);
        String close = "/api/ballots/ballots/" + ballot + "/close";

        as("sub-ana", "ana", Set.of("hq-admin"), List.of(), List.of());
        given().contentType(ContentType.JSON).body("{}").post(close).then().statusCode(400);
        ExtractableResponse<Response> first = proposed(given().contentType(ContentType.JSON)
                .body(Map.of("reason", "the hall is booked for the count")).post(close).then()
                .body("proposal.kind", equalTo("close-ballot")));
        ExtractableResponse<Response> second = proposed(given().contentType(ContentType.JSON)
                .body(Map.of("reason", "the count must start tonight")).post(close).then());
        given().get("/api/ballots/ballots/" + ballot).then().body("status", equalTo("open"));

        as("sub-ana", "ana", Set.of("hq-admin", "scrutineer"), List.of(REGION), List.of());
        cosign(first).statusCode(403);
        as("sub-sam", "sam", Set.of("scrutineer"), List.of(REGION), List.of());
        cosign(second).statusCode(200).body("status", equalTo("done"));
        given().get("/api/ballots/ballots/" + ballot).then().statusCode(200)
                .body("status", equalTo("closed")).body("closedBy", equalTo("ana"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                TestEvents.allEvents(Topics.BALLOTS, ballot, BallotClosed.TYPE).size() == 1);
        // The first proposal was bound to the ballot open: closed since, it can no longer be co-signed.
        cosign(first).statusCode(409).contentType("application/problem+json");
        given().get("/api/ballots/proposals/" + first.path("proposal.id")).then().body("status", equalTo("pending"));
        assertEquals(1, TestEvents.allEvents(Topics.BALLOTS, ballot, BallotClosed.TYPE).size());
    }

    /** A round's ballots close together: each close brought forward to one time, co-signed, then made by the timetable. */
    @Test
    void aCloseBroughtForwardIsCoSignedTheCommitteeToldAndTheTimetableClosesTheBallotThen() {
        String selection = selection("Ada", "Mary");
        roll(selection, electors(2));
        Instant closesAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String ballot = ballot(selection, closesAt);
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);
        String close = "/api/ballots/ballots/" + ballot + "/close";
        as("sub-ana", "ana", Set.of("hq-admin"), List.of(), List.of());

        // Not ahead, or not earlier than the close it replaces: refused, and nothing proposed.
        for (Instant bad : List.of(Instant.now().minusSeconds(60), closesAt, closesAt.plusSeconds(3600))) {
            given().contentType(ContentType.JSON).body(Map.of("reason", "a common close", "at", bad.toString()))
                    .post(close).then().statusCode(400).contentType("application/problem+json")
                    .body("errors", contains("at: must be after now and before the ballot's closesAt"));
        }
        given().get("/api/ballots/selections/" + selection + "/proposals").then().statusCode(200).body("$", empty());

        Instant at = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        ExtractableResponse<Response> proposal = proposed(given().contentType(ContentType.JSON)
                .body(Map.of("reason", "the round closes together", "at", at.toString())).post(close).then()
                .body("proposal.kind", equalTo("close-ballot"))
                .body("proposal.canonical", containsString("\"closesAt\":\"" + at + "\""))
                .body("detail", containsString("bringing its close forward to " + at)));
        given().get("/api/ballots/ballots/" + ballot).then()
                .body("status", equalTo("open")).body("closesAt", equalTo(closesAt.toString()));

        as("sub-sam", "sam", Set.of("scrutineer"), List.of(REGION), List.of());
        cosign(proposal).statusCode(200).body("status", equalTo("done"));
        given().get("/api/ballots/ballots/" + ballot).then()
                .body("status", equalTo("open")).body("closesAt", equalTo(at.toString()));
        assertTrue(TestEvents.awaitEvents(Topics.BALLOTS, selection, TimetableEvent.TYPE, 3).stream()
                .map(r -> TestEvents.read(r, TimetableEvent.class))
                .anyMatch(e -> TimetableEvent.BALLOT_SCHEDULED.equals(e.kind()) && at.equals(e.at())
                        && e.summary().startsWith("Ballot close brought forward")));

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().get("/api/ballots/ballots/" + ballot)
                .then().body("status", equalTo("closed")).body("closedBy", equalTo("timetable")));
        Instant closedAt = Instant.parse(given().get("/api/ballots/ballots/" + ballot).then().extract().path("closedAt"));
        assertTrue(!closedAt.isBefore(at), closedAt + " is before " + at);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                TestEvents.allEvents(Topics.BALLOTS, ballot, BallotClosed.TYPE).size() == 1);
    }

    @Test
    void aMeetingChangedAfterItsOverrideNeedsACoSignatureAndTheOldOverrideNoLongerOpensTheGate() {
        String constituency = TestEvents.knownConstituency(REGION);
        String selection = given().contentType(ContentType.JSON)
                .body(Map.of("constituency", constituency, "title", "Timetable " + constituency,
                        "freezeDate", "2026-05-01"))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Con Officer", "email", "con@example.org", "role", "constituency-officer"))
                .post("/api/ballots/selections/" + selection + "/committee").then().statusCode(201);
        String meetings = "/api/ballots/selections/" + selection + "/meetings/";
        String meeting = given().contentType(ContentType.JSON).body(meeting("Hustings", "Hall"))
                .post(meetings).then().statusCode(201).extract().path("id");
        String start = meetings + meeting + "/start";
        given().post(start).then().statusCode(409).body("type", endsWith("/committee-not-told"));

        // The officer was not told, but an override is granted for the meeting as it stands.
        ExtractableResponse<Response> override = given().contentType(ContentType.JSON)
                .body(Map.of("reason", "the officer was told in person"))
                .post(meetings + meeting + "/notice-override").then().statusCode(201).body("sequence", equalTo(0))
                .extract();
        as("sub-sam", "sam", Set.of("scrutineer"), List.of(REGION), List.of());
        cosign(override.path("proposalId"), Map.of("reason", "confirmed", "digest", override.path("digest")))
                .statusCode(200);

        // The procedures secretary changes it: that needs a co-signature now, and a reason.
        as("sub-pat", "pat", Set.of("procedures-secretary"), List.of(), List.of(constituency));
        given().contentType(ContentType.JSON).body(meeting("Hustings", "Library")).put(meetings + meeting)
                .then().statusCode(400);
        Map<String, Object> change = new HashMap<>(meeting("Hustings", "Library"));
        change.put("reason", "the hall is flooded");
        ExtractableResponse<Response> proposal = proposed(given().contentType(ContentType.JSON).body(change)
                .put(meetings + meeting).then()
                .body("proposal.kind", equalTo("change-meeting"))
                .body("proposal.proposerRole", equalTo("procedures-secretary")));
        given().get(meetings + meeting).then().body("sequence", equalTo(0)).body("location", equalTo("Hall"));
        as("sub-sam", "sam", Set.of("scrutineer"), List.of(REGION), List.of());
        cosign(proposal).statusCode(200);
        given().get(meetings + meeting).then().body("sequence", equalTo(1)).body("location", equalTo("Library"));
        assertTrue(TestEvents.awaitEvents(Topics.BALLOTS, selection, TimetableEvent.TYPE, 2).stream()
                .map(r -> TestEvents.read(r, TimetableEvent.class))
                .anyMatch(e -> TimetableEvent.MEETING_CHANGED.equals(e.kind()) && e.meeting().sequence() == 1
                        && "Library".equals(e.meeting().location())));

        // The override approved the meeting as it was: the changed meeting needs one of its own.
        as("sub-ana", "ana", Set.of("hq-admin"), List.of(), List.of());
        given().post(start).then().statusCode(409).body("detail", containsString("Con Officer"));
        given().get(meetings + meeting + "/notice-override").then().statusCode(404);
        ExtractableResponse<Response> again = given().contentType(ContentType.JSON)
                .body(Map.of("reason", "the officer was told of the move in person"))
                .post(meetings + meeting + "/notice-override").then().statusCode(201).body("sequence", equalTo(1))
                .extract();
        as("sub-sam", "sam", Set.of("scrutineer"), List.of(REGION), List.of());
        cosign(again.path("proposalId"), Map.of("reason", "confirmed", "digest", again.path("digest")))
                .statusCode(200);
        as("sub-ana", "ana", Set.of("hq-admin"), List.of(), List.of());
        given().post(start).then().statusCode(200).body("status", equalTo("started"));
    }

    @Test
    void anOverrideAwaitingCoSignatureLapsesWhenTheMeetingChangesAndACancellationAfterAGrantIsCoSigned() {
        String constituency = TestEvents.knownConstituency(REGION);
        String selection = given().contentType(ContentType.JSON)
                .body(Map.of("constituency", constituency, "title", "Timetable " + constituency,
                        "freezeDate", "2026-05-01"))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
        String meetings = "/api/ballots/selections/" + selection + "/meetings/";
        String meeting = given().contentType(ContentType.JSON).body(meeting("AGM", "Hall"))
                .post(meetings).then().statusCode(201).extract().path("id");

        // An override awaits co-signature; the meeting changes meanwhile (none was granted: alone is enough).
        as("sub-ana", "ana", Set.of("hq-admin"), List.of(), List.of());
        ExtractableResponse<Response> stale = given().contentType(ContentType.JSON)
                .body(Map.of("reason", "short notice")).post(meetings + meeting + "/notice-override").then()
                .statusCode(201).extract();
        given().contentType(ContentType.JSON).body(meeting("AGM", "Library")).put(meetings + meeting)
                .then().statusCode(200).body("sequence", equalTo(1));
        as("sub-sam", "sam", Set.of("scrutineer"), List.of(REGION), List.of());
        cosign(stale.path("proposalId"), Map.of("reason", "fine", "digest", stale.path("digest"))).statusCode(409)
                .body("type", endsWith("/state-changed"));
        given().get("/api/ballots/proposals/" + stale.path("proposalId")).then().body("status", equalTo("pending"));

        // One for the meeting as it now stands can be proposed and granted.
        as("sub-ana", "ana", Set.of("hq-admin"), List.of(), List.of());
        ExtractableResponse<Response> current = given().contentType(ContentType.JSON)
                .body(Map.of("reason", "short notice of the move")).post(meetings + meeting + "/notice-override")
                .then().statusCode(201).body("sequence", equalTo(1)).extract();
        as("sub-sam", "sam", Set.of("scrutineer"), List.of(REGION), List.of());
        cosign(current.path("proposalId"), Map.of("reason", "fine", "digest", current.path("digest")))
                .statusCode(200);

        // Granted: cancelling the meeting needs a co-signature; the proposal's reason is the cancellation's. A
        // scrutineer may decline, with a reason; nothing is done.
        as("sub-ana", "ana", Set.of("hq-admin"), List.of(), List.of());
        ExtractableResponse<Response> declined = proposed(given().contentType(ContentType.JSON)
                .body(Map.of("reason", "nobody can come")).post(meetings + meeting + "/cancel").then()
                .body("proposal.kind", equalTo("cancel-meeting")));
        as("sub-sam", "sam", Set.of("scrutineer"), List.of(REGION), List.of());
        given().contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post("/api/ballots/proposals/" + declined.path("proposal.id") + "/decline").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("reason", "move it instead"))
                .post("/api/ballots/proposals/" + declined.path("proposal.id") + "/decline").then().statusCode(200)
                .body("status", equalTo("declined")).body("decisionReason", equalTo("move it instead"));
        cosign(declined).statusCode(409).body("type", endsWith("/proposal-decided"));
        given().get(meetings + meeting).then().body("status", equalTo("scheduled"));

        as("sub-ana", "ana", Set.of("hq-admin"), List.of(), List.of());
        ExtractableResponse<Response> cancel = proposed(given().contentType(ContentType.JSON)
                .body(Map.of("reason", "every candidate withdrew")).post(meetings + meeting + "/cancel").then());
        given().get(meetings + meeting).then().body("status", equalTo("scheduled"));
        as("sub-sam", "sam", Set.of("scrutineer"), List.of(REGION), List.of());
        cosign(cancel).statusCode(200);
        given().get(meetings + meeting).then().body("status", equalTo("cancelled")).body("sequence", equalTo(2))
                .body("cancelReason", equalTo("every candidate withdrew"));
    }

    private static ValidatableResponse cosign(ExtractableResponse<Response> proposed) {
        return cosign(proposed.path("proposal.id"), Map.of("reason", "agreed", "digest",
                proposed.path("proposal.digest")));
    }

    private static ValidatableResponse cosign(String proposal, Map<String, String> body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/ballots/proposals/" + proposal + "/cosign").then();
    }

    private static Map<String, Object> meeting(String title, String location) {
        return Map.of("title", title, "startsAt", STARTS.toString(), "endsAt", STARTS.plusSeconds(3600).toString(),
                "location", location);
    }
}
