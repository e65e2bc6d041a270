package org.selectorate.ballot.timetable;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class NominationTest {

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void nominationsOpenAndCloseOnceAndTheShortlistNamesStandingCandidatesOnly() {
        String selection = MeetingTest.selection(TestEvents.knownConstituency("R-nominations"), 0);
        String base = "/api/ballots/selections/" + selection;
        for (String name : List.of("Ada", "Mary", "Will")) {
            given().contentType(ContentType.JSON).body(Map.of("name", name))
                    .post(base + "/candidates").then().statusCode(201);
        }
        given().contentType(ContentType.JSON).body("{}").post(base + "/candidates/Will/withdraw").then()
                .statusCode(200);
        List<String> ids = given().get(base).then().extract().path("candidates.id");
        String ada = ids.get(0);
        String mary = ids.get(1);
        String will = ids.get(2);

        String step = base + "/steps/nominations";
        given().post(step + "/close").then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("candidates", List.of(ada))).post(base + "/shortlist")
                .then().statusCode(409).body("type", endsWith("/nominations-not-closed"))
                .body("detail", containsString("not been opened"));
        open(step).statusCode(200).body("openedAt", notNullValue());
        open(step).statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("candidates", List.of(ada))).post(base + "/shortlist")
                .then().statusCode(409).body("detail", containsString("still open"));
        // Without thresholds nobody is shortlisted at the close: the committee sets the shortlist.
        given().post(step + "/close").then().statusCode(200).body("closedAt", notNullValue())
                .body("outcome.automatic", equalTo(false)).body("outcome.shortlist", equalTo(null))
                .body("outcome.standings.candidate", equalTo(List.of("Ada", "Mary", "Will")))
                .body("outcome.standings.withdrawn", equalTo(List.of(false, false, true)));
        given().get(base + "/nominations").then().statusCode(200).body("automatic", equalTo(false))
                .body("nominationsClosedAt", notNullValue()).body("shortlist", equalTo(List.of()));

        given().contentType(ContentType.JSON).body(Map.of("candidates", List.of())).post(base + "/shortlist")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("candidates", List.of(ada, "nobody", ada)))
                .post(base + "/shortlist").then().statusCode(400).contentType("application/problem+json")
                .body("errors.size()", equalTo(2));
        String stranger = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(Map.of("candidates", List.of(mary, stranger, will)))
                .post(base + "/shortlist").then().statusCode(400)
                .body("errors", org.hamcrest.Matchers.hasItems(containsString(stranger), containsString(will)));
        given().get(base + "/nominations").then().statusCode(200).body("shortlistedAt", equalTo(null));

        given().contentType(ContentType.JSON).body(Map.of("candidates", List.of(mary, ada))).post(base + "/shortlist")
                .then().statusCode(200).body("shortlist.name", equalTo(List.of("Mary", "Ada")))
                .body("shortlist.basis", equalTo(List.of("manual", "manual")))
                .body("shortlistedBy", equalTo("hq"))
                .body("candidates.name", equalTo(List.of("Ada", "Mary", "Will")))
                .body("candidates[2].withdrawnAt", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("candidates", List.of(ada))).post(base + "/shortlist")
                .then().statusCode(409);

        List<TimetableEvent> events = TestEvents.awaitEvents(Topics.BALLOTS, selection, TimetableEvent.TYPE, 3).stream()
                .map(r -> TestEvents.read(r, TimetableEvent.class)).toList();
        assertEquals(List.of(TimetableEvent.NOMINATIONS_OPENED, TimetableEvent.NOMINATIONS_CLOSED,
                TimetableEvent.SHORTLIST), events.stream().map(TimetableEvent::kind).toList());
        assertEquals("Shortlist: Mary, Ada", events.get(2).summary());
        assertNull(events.get(2).meeting());
    }

    private static ValidatableResponse open(String step) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("returnsDeadline", Instant.now().plusSeconds(3600).toString()))
                .post(step + "/open").then();
    }

    @Test
    @TestSecurity(user = "cand", roles = "candidate")
    void candidatesCannotRunTheTimetable() {
        String base = "/api/ballots/selections/" + UUID.randomUUID();
        open(base + "/steps/nominations").statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("candidates", List.of("x"))).post(base + "/shortlist")
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("candidate", "x", "reason", "y"))
                .post(base + "/shortlist/additions").then().statusCode(403);
    }
}
