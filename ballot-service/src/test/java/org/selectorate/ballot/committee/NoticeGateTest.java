package org.selectorate.ballot.committee;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.contracts.notice.NoticeDelivered;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.contracts.roll.RollFrozen;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(org.selectorate.testkit.EmbeddedPlatform.class)
class NoticeGateTest {
    private static final String REGION = "R-gate";
    private static final List<List<String>> COMMITTEE = List.of(
            List.of("Pat Secretary", "procedures-secretary"),
            List.of("Nel Exec", "nec-representative"),
            List.of("Reg Ional", "regional-representative"),
            List.of("Una Union", "union-representative"),
            List.of("Uri Union", "union-representative"),
            List.of("Affi Liate", "affiliate-representative"),
            List.of("Con Officer", "constituency-officer"));

    @Inject
    TestIdentityAssociation identities;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void theBallotOpensOnlyWhenEveryMemberWasToldAtLeastTheLeadTimeBefore() {
        String selection = readySelection(48);
        List<String> members = committee(selection);
        String ballot = ballot(selection);
        Instant now = Instant.now();
        for (int i = 0; i < members.size(); i++) {
            if (i != 4) {
                delivered(selection, members.get(i), TimetableEvent.BALLOT_SCHEDULED, now.minus(72, ChronoUnit.HOURS));
            }
        }
        // Told of something else, and told too late: neither counts.
        delivered(selection, members.get(4), TimetableEvent.BALLOT_OPENED, now.minus(72, ChronoUnit.HOURS));
        delivered(selection, members.get(4), TimetableEvent.BALLOT_SCHEDULED, now.minus(1, ChronoUnit.HOURS));
        awaitRefusal(ballot, allOf(containsString("Uri Union (union-representative)"), containsString("48 hours"),
                not(containsString("Una Union"))));
        given().get("/api/ballots/ballots/" + ballot).then().body("status", equalTo("draft"));

        delivered(selection, members.get(4), TimetableEvent.BALLOT_SCHEDULED, now.minus(49, ChronoUnit.HOURS));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200)
                        .body("status", equalTo("open")));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void anOverrideCountsOnlyOnceAScrutineerCoSignsIt() {
        String selection = readySelection(0);
        List<String> members = committee(selection);
        String ballot = ballot(selection);
        members.stream().skip(1).forEach(m ->
                delivered(selection, m, TimetableEvent.BALLOT_SCHEDULED, Instant.now().minusSeconds(5)));
        awaitRefusal(ballot, allOf(containsString("Pat Secretary (procedures-secretary)"), not(containsString("hours"))));

        String path = "/api/ballots/ballots/" + ballot + "/notice-override";
        given().contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post(path).then().statusCode(400).contentType("application/problem+json");
        var recorded = given().contentType(ContentType.JSON).body(Map.of("reason", "secretary told by phone; mail bounced"))
                .post(path).then().statusCode(201).body("recordedBy", equalTo("hq")).body("cosignedBy", nullValue())
                .header("Location", containsString("/api/ballots/proposals/")).extract();
        given().contentType(ContentType.JSON).body(Map.of("reason", "again")).post(path).then().statusCode(409)
                .body("type", containsString("override-exists"));
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(409)
                .body("detail", containsString("Pat Secretary"));

        String cosign = "/api/ballots/proposals/" + recorded.path("proposalId") + "/cosign";
        Map<String, String> agreed = Map.of("reason", "I rang the secretary", "digest", recorded.path("digest"));
        // The same person (the same token subject), now holding the scrutineer role too: not a second person.
        as("hq", "hq-admin", "scrutineer");
        given().contentType(ContentType.JSON).body(agreed).post(cosign).then().statusCode(403)
                .contentType("application/problem+json");
        as("regional", "regional-admin");
        given().contentType(ContentType.JSON).body(agreed).post(cosign).then().statusCode(403);
        as("sam", "scrutineer");
        given().contentType(ContentType.JSON).body(Map.of("reason", "", "digest", recorded.path("digest")))
                .post(cosign).then().statusCode(400);
        given().contentType(ContentType.JSON).body(agreed).post(cosign).then().statusCode(200)
                .body("status", equalTo("done")).body("decidedBy", equalTo("sam"))
                .body("decisionReason", equalTo("I rang the secretary"));
        given().contentType(ContentType.JSON).body(agreed).post(cosign).then().statusCode(409)
                .body("type", containsString("proposal-decided"));

        as("hq", "hq-admin");
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200).body("status", equalTo("open"));
        given().get(path).then().statusCode(200).body("reason", equalTo("secretary told by phone; mail bounced"))
                .body("cosignedBy", equalTo("sam"));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aSelectionWithoutACommitteeOpensAsBefore() {
        String selection = readySelection(0);
        String ballot = ballot(selection);
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);
    }

    /** Switches the caller mid-test; non-HQ callers cover the test region, as their token's claims would say. */
    private void as(String user, String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(user);
        claims.setClaim("preferred_username", user);
        claims.setClaim("regions", List.of(REGION));
        identities.setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal(claims)).addRoles(Set.of(roles)).build());
    }

    private static void awaitRefusal(String ballot, org.hamcrest.Matcher<String> detail) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(409)
                        .contentType("application/problem+json").body("detail", detail));
    }

    private static void delivered(String selection, String member, String kind, Instant at) {
        TestEvents.send(Topics.NOTICES, selection, NoticeDelivered.TYPE,
                new NoticeDelivered(selection, UUID.randomUUID().toString(), member, kind, at, null, null));
    }

    /** A selection that could open but for its notices: two candidates and a complete roll. */
    private static String readySelection(int leadHours) {
        String constituency = TestEvents.knownConstituency(REGION);
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("constituency", constituency, "title", "Gate " + constituency, "freezeDate", "2026-05-01",
                        "rulebook", Map.of("noticeLeadHours", leadHours)))
                .post("/api/ballots/selections").then().statusCode(201)
                .body("rulebook.noticeLeadHours", equalTo(leadHours)).extract().path("id");
        for (String name : List.of("Ada", "Mary")) {
            given().contentType(ContentType.JSON).body(Map.of("name", name))
                    .post("/api/ballots/selections/" + id + "/candidates").then().statusCode(201);
        }
        String batch = UUID.randomUUID().toString().substring(0, 6);
        List<RollEntries.Elector> electors = IntStream.range(0, 2).mapToObj(i -> new RollEntries.Elector(
                "G" + batch + i, "Member " + i, "g" + i + "-" + batch + "@example.org", "B1")).toList();
        TestEvents.send(Topics.ROLL, id, RollFrozen.TYPE, new RollFrozen(id, "C", 1, LocalDate.of(2026, 5, 1), 2,
                "00".repeat(32), Map.of("B1", 2L), 1, 0));
        TestEvents.send(Topics.ROLL, id, RollEntries.TYPE, new RollEntries(id, 1, 0, 1, electors));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/ballots/selections/" + id + "/electorate").then().body("complete", equalTo(true)));
        return id;
    }

    private static List<String> committee(String selection) {
        List<String> ids = new ArrayList<>();
        for (List<String> m : COMMITTEE) {
            ids.add(given().contentType(ContentType.JSON)
                    .body(Map.of("name", m.get(0), "email", m.get(0).replace(' ', '.') + "@example.org",
                            "role", m.get(1)))
                    .post("/api/ballots/selections/" + selection + "/committee").then().statusCode(201)
                    .extract().path("id"));
        }
        return ids;
    }

    private static String ballot(String selection) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("closesAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post("/api/ballots/selections/" + selection + "/ballots").then().statusCode(201).extract().path("id");
    }
}
