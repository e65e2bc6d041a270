package org.selectorate.ballot.timetable;

import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.contracts.notice.NoticeBounced;
import org.selectorate.contracts.notice.NoticeDelivered;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class MeetingTest {
    private static final String REGION = "R-meeting";
    private static final Instant STARTS = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    TestIdentityAssociation identities;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void meetingsAreScheduledChangedAndCancelledEachWithATimetableEventAndARisingSequence() {
        String constituency = TestEvents.knownConstituency(REGION);
        String selection = selection(constituency, 0);
        String base = "/api/ballots/selections/" + selection + "/meetings";

        as("pat", Set.of("procedures-secretary"), List.of(), List.of(constituency));
        given().contentType(ContentType.JSON).body(meeting("Shortlisting", STARTS.plusSeconds(3600), STARTS, "Hall"))
                .post(base).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not possible"));
        given().contentType(ContentType.JSON).body(Map.of("title", " ", "startsAt", STARTS.toString()))
                .post(base).then().statusCode(400);
        // Titles and places go into notices' mail subjects and calendar entries: one line each.
        given().contentType(ContentType.JSON).body(meeting("Shortlisting\nBcc: all@example.org", STARTS,
                        STARTS.plusSeconds(7200), "Town\rHall")).post(base).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", org.hamcrest.Matchers.containsInAnyOrder(
                        "title: must be one line, without line breaks or control characters",
                        "location: must be one line, without line breaks or control characters"));
        String id = given().contentType(ContentType.JSON).body(meeting("Shortlisting", STARTS, STARTS.plusSeconds(7200),
                        "Town Hall")).post(base).then().statusCode(201)
                .header("Location", containsString(base + "/"))
                .body("sequence", equalTo(0)).body("status", equalTo("scheduled")).body("createdBy", equalTo("pat"))
                .extract().path("id");
        given().contentType(ContentType.JSON).body(meeting("Shortlisting", STARTS.plusSeconds(86400),
                        STARTS.plusSeconds(86400 + 7200), "Library")).put(base + "/" + id).then().statusCode(200)
                .body("sequence", equalTo(1)).body("location", equalTo("Library"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "hall flooded"))
                .post(base + "/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("cancelled")).body("sequence", equalTo(2));
        given().contentType(ContentType.JSON).body(Map.of("reason", "twice")).post(base + "/" + id + "/cancel")
                .then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(meeting("Again", STARTS, STARTS.plusSeconds(60), "Hall"))
                .put(base + "/" + id).then().statusCode(409);
        given().post(base + "/" + id + "/start").then().statusCode(409);

        List<TimetableEvent> events = TestEvents.awaitEvents(Topics.BALLOTS, selection, TimetableEvent.TYPE, 3).stream()
                .map(r -> TestEvents.read(r, TimetableEvent.class)).toList();
        assertEquals(List.of(TimetableEvent.MEETING_SCHEDULED, TimetableEvent.MEETING_CHANGED,
                TimetableEvent.MEETING_CANCELLED), events.stream().map(TimetableEvent::kind).toList());
        assertEquals(List.of(0, 1, 2), events.stream().map(e -> e.meeting().sequence()).toList());
        assertEquals(Set.of(id), Set.copyOf(events.stream().map(e -> e.meeting().id()).toList()));
        TimetableEvent.Meeting changed = events.get(1).meeting();
        assertEquals(STARTS.plusSeconds(86400), changed.startsAt());
        assertEquals(STARTS.plusSeconds(86400 + 7200), changed.endsAt());
        assertEquals("Library", changed.location());
        assertEquals(changed.startsAt(), events.get(1).at());
        assertEquals("hall flooded", events.get(2).meeting().reason());
        assertNull(events.get(0).ballotId());

        // Out of area: a secretary of another constituency sees nothing; a committee member cannot schedule.
        as("other", Set.of("procedures-secretary"), List.of(), List.of("C-elsewhere"));
        given().get(base).then().statusCode(404);
        as("cm", Set.of("committee-member"), List.of(REGION), List.of());
        given().get(base).then().statusCode(200).body("size()", equalTo(1));
        given().contentType(ContentType.JSON).body(meeting("Mine", STARTS, STARTS.plusSeconds(60), "Pub"))
                .post(base).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aMeetingStartsOnlyWhenEveryMemberWasToldOfItsLatestVersionInTimeAndNotBounced() {
        String selection = selection(TestEvents.knownConstituency(REGION), 24);
        List<String> members = new ArrayList<>();
        for (List<String> m : List.of(List.of("Pat Secretary", "procedures-secretary"),
                List.of("Una Union", "union-representative"), List.of("Uri Union", "union-representative"))) {
            members.add(given().contentType(ContentType.JSON)
                    .body(Map.of("name", m.get(0), "email", m.get(0).replace(' ', '.') + "@example.org", "role", m.get(1)))
                    .post("/api/ballots/selections/" + selection + "/committee").then().statusCode(201)
                    .extract().path("id"));
        }
        String base = "/api/ballots/selections/" + selection + "/meetings";
        String meeting = given().contentType(ContentType.JSON).body(meeting("Hustings", STARTS, STARTS.plusSeconds(3600),
                "Hall")).post(base).then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(meeting("Hustings", STARTS, STARTS.plusSeconds(5400), "Hall"))
                .put(base + "/" + meeting).then().statusCode(200).body("sequence", equalTo(1));
        Instant longAgo = Instant.now().minus(48, ChronoUnit.HOURS);
        // Everyone was told of the first version; of the change, Una too late, Uri of another meeting.
        members.forEach(m -> delivered(selection, m, TimetableEvent.MEETING_SCHEDULED, meeting, 0, longAgo));
        String patNotice = delivered(selection, members.get(0), TimetableEvent.MEETING_CHANGED, meeting, 1, longAgo);
        delivered(selection, members.get(1), TimetableEvent.MEETING_CHANGED, meeting, 1, Instant.now());
        delivered(selection, members.get(2), TimetableEvent.MEETING_CHANGED, UUID.randomUUID().toString(), 1, longAgo);
        String start = base + "/" + meeting + "/start";
        awaitRefusal(start, allOf(containsString("Una Union (union-representative)"),
                containsString("Uri Union (union-representative)"), containsString("24 hours"),
                not(containsString("Pat Secretary"))));

        delivered(selection, members.get(1), TimetableEvent.MEETING_CHANGED, meeting, 1, longAgo);
        delivered(selection, members.get(2), TimetableEvent.MEETING_CHANGED, meeting, 1, longAgo);
        // Pat's notice bounces for good: it no longer counts; a temporary bounce of Una's changes nothing.
        TestEvents.send(Topics.NOTICES, selection, NoticeBounced.TYPE, new NoticeBounced(selection, patNotice,
                members.get(0), TimetableEvent.MEETING_CHANGED, "<x@test>", "550 no such user", true, Instant.now()));
        awaitRefusal(start, allOf(containsString("Pat Secretary"), not(containsString("Union"))));

        String override = base + "/" + meeting + "/notice-override";
        var recorded = given().contentType(ContentType.JSON).body(Map.of("reason", "Pat told in person"))
                .post(override).then().statusCode(201).body("meetingId", equalTo(meeting))
                .body("ballotId", equalTo(null)).body("sequence", equalTo(1)).extract();
        given().post(start).then().statusCode(409);
        as("sam", Set.of("scrutineer"), List.of(REGION), List.of());
        given().contentType(ContentType.JSON)
                .body(Map.of("reason", "Pat confirmed it", "digest", recorded.path("digest")))
                .post("/api/ballots/proposals/" + recorded.path("proposalId") + "/cosign").then().statusCode(200)
                .body("decidedBy", equalTo("sam"));
        given().get(override).then().statusCode(200).body("cosignedBy", equalTo("sam"));
        as("hq", Set.of("hq-admin"), List.of(), List.of());
        given().post(start).then().statusCode(200).body("status", equalTo("started"))
                .body("startedBy", equalTo("hq"));
        given().post(start).then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("reason", "late")).post(override).then().statusCode(409);
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aMeetingStartsAtOnceWhenEveryMemberHadTheNoticeInTime() {
        String selection = selection(TestEvents.knownConstituency(REGION), 0);
        String member = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Con Officer", "email", "con@example.org", "role", "constituency-officer"))
                .post("/api/ballots/selections/" + selection + "/committee").then().statusCode(201).extract().path("id");
        String base = "/api/ballots/selections/" + selection + "/meetings";
        String meeting = given().contentType(ContentType.JSON).body(meeting("AGM", STARTS, STARTS.plusSeconds(60), "Hall"))
                .post(base).then().statusCode(201).extract().path("id");
        given().post(base + "/" + meeting + "/start").then().statusCode(409)
                .body("detail", containsString("Con Officer"));
        delivered(selection, member, TimetableEvent.MEETING_SCHEDULED, meeting, 0, Instant.now().minusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().post(base + "/" + meeting + "/start").then().statusCode(200).body("status", equalTo("started")));
        given().get(base + "/" + meeting).then().statusCode(200).body("status", equalTo("started"));
        given().get(base + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    private void as(String user, Set<String> roles, List<String> regions, List<String> constituencies) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(user);
        claims.setClaim("preferred_username", user);
        claims.setClaim("regions", regions);
        claims.setClaim("constituencies", constituencies);
        identities.setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal(claims)).addRoles(roles).build());
    }

    static Map<String, Object> meeting(String title, Instant startsAt, Instant endsAt, String location) {
        return Map.of("title", title, "startsAt", startsAt.toString(), "endsAt", endsAt.toString(), "location", location);
    }

    static String selection(String constituency, int leadHours) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("constituency", constituency, "title", "Timetable " + constituency,
                        "freezeDate", "2026-05-01", "rulebook", Map.of("noticeLeadHours", leadHours)))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
    }

    private static String delivered(String selection, String member, String kind, String meeting, int sequence,
                                    Instant at) {
        String notice = UUID.randomUUID().toString();
        TestEvents.send(Topics.NOTICES, selection, NoticeDelivered.TYPE,
                new NoticeDelivered(selection, notice, member, kind, at, meeting, sequence));
        return notice;
    }

    private static void awaitRefusal(String path, org.hamcrest.Matcher<String> detail) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().post(path).then().statusCode(409)
                .contentType("application/problem+json").body("detail", detail));
    }
}
