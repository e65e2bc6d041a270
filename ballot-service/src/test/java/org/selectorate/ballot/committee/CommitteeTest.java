package org.selectorate.ballot.committee;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CommitteeAppointed;
import org.selectorate.contracts.ballot.CommitteeMemberRemoved;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class CommitteeTest {
    private static final List<List<String>> COMMITTEE = List.of(
            List.of("Pat Secretary", "secretary@example.org", "procedures-secretary"),
            List.of("Nel Exec", "nec@example.org", "nec-representative"),
            List.of("Reg Ional", "region@example.org", "regional-representative"),
            List.of("Una Union", "union1@example.org", "union-representative"),
            List.of("Uri Union", "union2@example.org", "union-representative"),
            List.of("Affi Liate", "affiliate@example.org", "affiliate-representative"),
            List.of("Con Officer", "officer@example.org", "constituency-officer"));

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aCommitteeOfSevenIsAnnouncedAndTheScheduledBallotIsATimetableEvent() {
        String selection = newSelection();
        String base = "/api/ballots/selections/" + selection + "/committee";
        for (List<String> m : COMMITTEE) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("name", m.get(0), "email", m.get(1), "role", m.get(2)))
                    .post(base).then().statusCode(201)
                    .header("Location", containsString(base + "/"))
                    .body("role", equalTo(m.get(2)));
        }
        given().get(base).then().statusCode(200).body("size()", equalTo(7))
                .body("findAll { it.role == 'union-representative' }.size()", equalTo(2));
        List<CommitteeAppointed> appointed = TestEvents.awaitEvents(Topics.BALLOTS, selection, CommitteeAppointed.TYPE, 7)
                .stream().map(r -> TestEvents.read(r, CommitteeAppointed.class)).toList();
        assertEquals(COMMITTEE.stream().map(m -> m.get(1)).toList(),
                appointed.stream().map(CommitteeAppointed::email).toList());
        assertTrue(appointed.stream().allMatch(a -> a.region().equals("R-committee") && a.constituency() != null));

        String officer = appointed.get(6).memberId();
        given().delete(base + "/" + officer).then().statusCode(204);
        given().delete(base + "/" + officer).then().statusCode(404).contentType("application/problem+json");
        given().get(base).then().statusCode(200).body("size()", equalTo(6)).body("id", not(hasItem(officer)));
        CommitteeMemberRemoved removed = TestEvents.read(TestEvents.awaitEvents(Topics.BALLOTS, selection,
                CommitteeMemberRemoved.TYPE, 1).get(0), CommitteeMemberRemoved.class);
        assertEquals(new CommitteeMemberRemoved(selection, officer), removed);

        Instant closesAt = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String ballot = given().contentType(ContentType.JSON).body(Map.of("closesAt", closesAt.toString()))
                .post("/api/ballots/selections/" + selection + "/ballots").then().statusCode(201).extract().path("id");
        TimetableEvent scheduled = TestEvents.read(TestEvents.awaitEvents(Topics.BALLOTS, selection,
                TimetableEvent.TYPE, 1).get(0), TimetableEvent.class);
        assertEquals(ballot, scheduled.ballotId());
        assertEquals(TimetableEvent.BALLOT_SCHEDULED, scheduled.kind());
        assertEquals(closesAt, scheduled.at());
        assertTrue(scheduled.summary().startsWith("Ballot scheduled: "), scheduled.summary());
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void badOrDuplicateMembersAreRefusedAndNothingIsAppointed() {
        String selection = newSelection();
        String base = "/api/ballots/selections/" + selection + "/committee";
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "", "email", "not-an-address", "role", "treasurer", "webhook", "http://x"))
                .post(base).then().statusCode(400).contentType("application/problem+json")
                .body("errors.size()", equalTo(4))
                .body("errors", hasItem(containsString("role:")));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Una Union", "email", "una@example.org", "role", "union-representative"))
                .post(base).then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Una Again", "email", "UNA@example.org", "role", "constituency-officer"))
                .post(base).then().statusCode(409).contentType("application/problem+json");
        given().get(base).then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    @TestSecurity(user = "sam", roles = "scrutineer")
    void onlyAdminsAppoint() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "X", "email", "x@example.org", "role", "constituency-officer"))
                .post("/api/ballots/selections/00000000-0000-0000-0000-000000000001/committee").then().statusCode(403);
    }

    private static String newSelection() {
        String constituency = TestEvents.knownConstituency("R-committee");
        return given().contentType(ContentType.JSON)
                .body(Map.of("constituency", constituency, "title", "Committee town", "freezeDate", "2026-05-01"))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
    }
}
