package org.selectorate.ballot.appeal;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.FinalBallots;
import org.selectorate.ballot.People;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.AppealAcknowledged;
import org.selectorate.contracts.result.RecountCompleted;
import org.selectorate.contracts.result.RecountOrdered;
import org.selectorate.contracts.result.ResultDeclared;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Appeals against a declared result: who may lodge one and when, HQ's decision, a recount ordered and its outcome
 * recorded, a re-run that lets a new final ballot be scheduled, and what is published. tally-service's
 * {@link ResultDeclared} and {@link RecountCompleted} are played here as it would send them.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestSecurity(user = "hq", roles = "hq-admin")
class AppealTest {
    private static final String GROUNDS = "Two ballot boxes from the Ashton branch were not counted.";

    @Inject
    Pool pool;

    /** A closed final ballot of Ada (with her account) and Bo, over a roll of three members. */
    private record Declared(String selection, String ballot, String account, List<RollEntries.Elector> roll) {
    }

    private Declared ballot(Map<String, Object> rulebook) {
        String constituency = TestEvents.knownConstituency("R-appeals");
        String selection = given().contentType(ContentType.JSON)
                .body(Map.of("constituency", constituency, "title", "Appeals " + constituency,
                        "freezeDate", "2026-05-01", "rulebook", rulebook))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
        String account = "ada-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("name", "Ada Lovelace", "account", account))
                .post("/api/ballots/selections/" + selection + "/candidates").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("name", "Bo Diddley"))
                .post("/api/ballots/selections/" + selection + "/candidates").then().statusCode(201);
        List<RollEntries.Elector> roll = FinalBallots.electors(3);
        FinalBallots.roll(selection, roll);
        String ballot = FinalBallots.ballot(selection);
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);
        People.closeEarly(ballot);
        return new Declared(selection, ballot, account, roll);
    }

    /** tally-service declares the ballot's result at {@code declaredAt}; returns once ballot-service knows it. */
    private static void declare(Declared d, Instant declaredAt) {
        TestEvents.send(Topics.RESULTS, d.ballot(), ResultDeclared.TYPE,
                new ResultDeclared(d.ballot(), d.selection(), List.of("Ada Lovelace"), "hq", declaredAt));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/ballots/public/selections/" + d.selection() + "/appeals").then().statusCode(200)
                .body("ballotId", equalTo(d.ballot())));
    }

    private static ValidatableResponse lodge(Declared d, String grounds) {
        return given().contentType(ContentType.JSON).body(Map.of("grounds", grounds))
                .post("/api/ballots/selections/" + d.selection() + "/appeals").then();
    }

    private static ValidatableResponse decide(String appeal, Map<String, Object> decision) {
        return given().contentType(ContentType.JSON).body(decision)
                .post("/api/ballots/appeals/" + appeal + "/decision").then();
    }

    @Test
    void aCandidateOrAMemberOnTheRollAppealsWithinTheWindowAndNobodyElseNorBefore() {
        Declared d = ballot(Map.of());
        given().get("/api/ballots/public/selections/" + d.selection() + "/appeals").then().statusCode(404);
        SecurityIdentity hq = asCandidate(d.account());
        try {
            lodge(d, GROUNDS).statusCode(409).body("type", endsWith("/not-declared"));
        } finally {
            People.restore(hq);
        }
        declare(d, Instant.now().minus(6, ChronoUnit.DAYS));

        long audited = audited(d.selection(), "appeal.lodge");
        String candidateAppeal;
        String memberReference;
        asCandidate(d.account());
        try {
            lodge(d, " ").statusCode(400);
            lodge(d, "x".repeat(AppealViews.MAX_TEXT + 1)).statusCode(400);
            candidateAppeal = lodge(d, GROUNDS).statusCode(201)
                    .body("reference", matchesPattern("AP-[0-9A-HJKMNP-TV-Z]{10}"))
                    .body("appeal.status", equalTo("lodged"))
                    .body("appeal.appellant.kind", equalTo("candidate"))
                    .body("appeal.appellant.candidate", equalTo("Ada Lovelace"))
                    .body("appeal.lodgedOn", equalTo(LocalDate.now(ZoneOffset.UTC).toString()))
                    .body("message", org.hamcrest.Matchers.containsString("was lodged"))
                    .extract().path("appeal.id");
            // Another candidate's account (none here) or a token without the candidate's account is refused.
            as("sub-zed", "zed", Set.of("candidate"), null);
            lodge(d, GROUNDS).statusCode(403);
            as("sub-m0", "member0", Set.of("member"), d.roll().get(0).membershipNumber());
            memberReference = lodge(d, "I was told my vote arrived too late.").statusCode(201)
                    .body("appeal.appellant.kind", equalTo("member"))
                    .body("appeal.appellant.candidate", nullValue())
                    .extract().path("reference");
            as("sub-stranger", "stranger", Set.of("member"), "M-not-on-the-roll");
            lodge(d, GROUNDS).statusCode(403);
            as("sub-nonumber", "nonumber", Set.of("member"), null);
            lodge(d, GROUNDS).statusCode(403);
            as("sub-committee", "committee", Set.of("committee-member"), null);
            lodge(d, GROUNDS).statusCode(403);
        } finally {
            People.restore(hq);
        }
        assertEquals(audited + 2, audited(d.selection(), "appeal.lodge"), "each lodging, and only those, audited");
        // The member is mailed the acknowledgement at the roll's contact; the candidate (no contact here) is not.
        AppealAcknowledged ack = TestEvents.read(TestEvents.awaitEvents(Topics.CREDENTIALS, d.ballot(),
                AppealAcknowledged.TYPE, 1).get(0), AppealAcknowledged.class);
        assertEquals(new AppealAcknowledged(d.ballot(), d.selection(), "Appeals " + given().get(
                "/api/ballots/selections/" + d.selection()).then().extract().path("constituency"),
                d.roll().get(0).email(), d.roll().get(0).name(), memberReference,
                LocalDate.now(ZoneOffset.UTC)), ack);
        assertEquals(1, TestEvents.allEvents(Topics.CREDENTIALS, d.ballot(), AppealAcknowledged.TYPE).size());

        // Published: a candidate appellant by name, a member never; HQ sees who lodged each.
        given().get("/api/ballots/public/selections/" + d.selection() + "/appeals").then().statusCode(200)
                .body("appeals", hasSize(2)).body("windowDays", equalTo(7))
                .body("elected", equalTo(List.of("Ada Lovelace")))
                .body("appeals.find { it.appellant.kind == 'member' }.lodgedBy", nullValue())
                .body("appeals.find { it.appellant.kind == 'member' }.grounds",
                        equalTo("I was told my vote arrived too late."))
                .body("appeals.find { it.id == '" + candidateAppeal + "' }.appellant.candidate",
                        equalTo("Ada Lovelace"))
                .body("appeals.lodgedBy", equalTo(java.util.Arrays.asList(null, null)));
        given().get("/api/ballots/selections/" + d.selection() + "/appeals").then().statusCode(200)
                .body("appeals.find { it.appellant.kind == 'member' }.lodgedBy", equalTo("member0"));
    }

    @Test
    void outsideTheRulebooksWindowAnAppealIsRefusedAndTheWindowIsPublishedWithTheRulebook() {
        Declared late = ballot(Map.of());
        declare(late, Instant.now().minus(8, ChronoUnit.DAYS));
        SecurityIdentity hq = asCandidate(late.account());
        try {
            lodge(late, GROUNDS).statusCode(409).body("type", endsWith("/appeal-window-closed"));
        } finally {
            People.restore(hq);
        }
        given().get("/api/ballots/public/selections/" + late.selection() + "/appeals").then().statusCode(200)
                .body("appeals", hasSize(0));

        Declared longer = ballot(Map.of("appeals", Map.of("windowDays", 10)));
        given().get("/api/ballots/public/ballots/" + longer.ballot()).then().statusCode(200)
                .body("rulebook.appeals.windowDays", equalTo(10));
        declare(longer, Instant.now().minus(8, ChronoUnit.DAYS));
        asCandidate(longer.account());
        try {
            lodge(longer, GROUNDS).statusCode(201);
        } finally {
            People.restore(hq);
        }
        given().contentType(ContentType.JSON).body(Map.of("constituency", TestEvents.knownConstituency("R-appeals"),
                        "title", "T", "freezeDate", "2026-05-01", "rulebook", Map.of("appeals",
                                Map.of("windowDays", 0))))
                .post("/api/ballots/selections").then().statusCode(400);
    }

    @Test
    void hqUpholdsAnAppealWithARecountOnceAndItsOutcomeIsPublished() {
        Declared d = ballot(Map.of());
        declare(d, Instant.now().minus(1, ChronoUnit.DAYS));
        String appeal = lodgeAsCandidate(d);

        SecurityIdentity hq = as("sub-scrutineer", "scrutineer", Set.of("scrutineer"), null);
        try {
            decide(appeal, Map.of("outcome", "upheld", "remedy", "recount", "reasons", "r")).statusCode(403);
        } finally {
            People.restore(hq);
        }
        decide(appeal, Map.of("outcome", "upheld", "reasons", "the boxes were missed")).statusCode(400);
        decide(appeal, Map.of("outcome", "upheld", "remedy", "recount", "reasons", " ")).statusCode(400);
        decide(appeal, Map.of("outcome", "quashed", "reasons", "r")).statusCode(400);
        decide(UUID.randomUUID().toString(), Map.of("outcome", "dismissed", "reasons", "r")).statusCode(404);
        assertEquals(0, TestEvents.allEvents(Topics.RESULTS, d.ballot(), RecountOrdered.TYPE).size());

        decide(appeal, Map.of("outcome", "upheld", "remedy", "recount", "reasons", "the boxes were missed"))
                .statusCode(200).body("status", equalTo("upheld")).body("remedy", equalTo("recount"))
                .body("reasons", equalTo("the boxes were missed")).body("recount.status", equalTo("ordered"));
        RecountOrdered ordered = TestEvents.read(TestEvents.awaitEvents(Topics.RESULTS, d.ballot(),
                RecountOrdered.TYPE, 1).get(0), RecountOrdered.class);
        assertEquals(new RecountOrdered(d.ballot(), d.selection(), appeal), ordered);
        decide(appeal, Map.of("outcome", "dismissed", "reasons", "second thoughts")).statusCode(409)
                .body("type", endsWith("/appeal-decided"));
        assertEquals(1, audited(d.selection(), "appeal.decide"));

        TestEvents.send(Topics.RESULTS, d.ballot(), RecountCompleted.TYPE,
                new RecountCompleted(d.ballot(), d.selection(), appeal, List.of("Ada Lovelace"), true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/ballots/public/selections/" + d.selection() + "/appeals").then().statusCode(200)
                .body("appeals[0].status", equalTo("upheld"))
                .body("appeals[0].recount.status", equalTo("completed"))
                .body("appeals[0].recount.sameResult", equalTo(true))
                .body("appeals[0].recount.elected", equalTo(List.of("Ada Lovelace")))
                .body("appeals[0].reasons", equalTo("the boxes were missed")));
    }

    @Test
    void aReRunAnnulsTheDeclaredBallotSoANewFinalBallotMayBeScheduled() {
        Declared d = ballot(Map.of());
        declare(d, Instant.now().minus(1, ChronoUnit.DAYS));
        String dismissed = lodgeAsCandidate(d);
        String upheld = lodgeAsCandidate(d);
        given().contentType(ContentType.JSON).body(Map.of("closesAt", Instant.now().plus(2, ChronoUnit.DAYS).toString()))
                .post("/api/ballots/selections/" + d.selection() + "/ballots").then().statusCode(409)
                .body("type", endsWith("/ballot-exists"));

        decide(dismissed, Map.of("outcome", "dismissed", "remedy", "re-run", "reasons", "r")).statusCode(400);
        decide(dismissed, Map.of("outcome", "dismissed", "reasons", "no evidence of a missed box")).statusCode(200)
                .body("status", equalTo("dismissed")).body("remedy", nullValue());
        decide(upheld, Map.of("outcome", "upheld", "remedy", "re-run", "reasons", "the roll was wrong"))
                .statusCode(200).body("remedy", equalTo("re-run"));

        given().get("/api/ballots/selections/" + d.selection() + "/ballots").then().statusCode(200)
                .body("", hasSize(0));
        String rerun = FinalBallots.ballot(d.selection());
        assertTrue(!rerun.equals(d.ballot()));
        // The annulled ballot's appeals stay published; new appeals wait for the re-run's declaration.
        given().get("/api/ballots/public/selections/" + d.selection() + "/appeals").then().statusCode(200)
                .body("appeals", hasSize(2)).body("ballotId", nullValue());
        SecurityIdentity hq = asCandidate(d.account());
        try {
            lodge(d, GROUNDS).statusCode(409).body("type", endsWith("/not-declared"));
        } finally {
            People.restore(hq);
        }
    }

    private String lodgeAsCandidate(Declared d) {
        SecurityIdentity hq = asCandidate(d.account());
        try {
            return lodge(d, GROUNDS).statusCode(201).extract().path("appeal.id");
        } finally {
            People.restore(hq);
        }
    }

    private static SecurityIdentity asCandidate(String account) {
        return as("sub-" + account, account, Set.of("candidate"), null);
    }

    /** Acts as a person whose token may carry a membership number, as a member's login does; returns who acted. */
    private static SecurityIdentity as(String subject, String username, Set<String> roles, String membershipNumber) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(subject);
        claims.setClaim("preferred_username", username);
        if (membershipNumber != null) {
            claims.setClaim(AppealService.MEMBERSHIP_NUMBER_CLAIM, membershipNumber);
        }
        TestIdentityAssociation identities = Arc.container().instance(TestIdentityAssociation.class).get();
        SecurityIdentity before = identities.getTestIdentity();
        identities.setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal(claims)).addRoles(roles).build());
        return before;
    }

    private long audited(String selection, String action) {
        List<String> details = new ArrayList<>();
        for (Row row : pool.preparedQuery("select details from audit_entry where selection_id = $1")
                .execute(Tuple.of(selection)).await().indefinitely()) {
            details.add(row.getString(0));
        }
        return details.stream().filter(s -> s.contains("\"action\":\"" + action + "\"")).count();
    }
}
