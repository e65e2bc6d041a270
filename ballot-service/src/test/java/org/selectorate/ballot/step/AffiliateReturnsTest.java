package org.selectorate.ballot.step;

import io.quarkus.arc.Arc;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.People;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.contracts.organisation.AffiliateCreated;
import org.selectorate.contracts.organisation.AffiliateOfficerAdded;
import org.selectorate.contracts.organisation.BranchCreated;
import org.selectorate.integrity.audit.AuditCodec;
import org.selectorate.integrity.audit.AuditEntry;
import org.selectorate.integrity.audit.AuditLog;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Affiliates' returns to a selection's steps: entered by one officer, counted once another person confirms them,
 * refused after the deadline unless a scrutineer co-signs; the trigger counted from them under the rulebook.
 * Each constituency here has two branches (not voting yet) and affiliates A, B, D with two officers and C with one.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class AffiliateReturnsTest {
    private static final String REGION = "R-steps";

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void onlyConfirmedReturnsCountAndUnderThe2021RuleThisTriggerFails() {
        String c = constituencyWithUnits();
        String selection = selection(c, "2021");
        String steps = "/api/ballots/selections/" + selection + "/steps/trigger";

        admin();
        open(selection, "trigger", Instant.now().plusSeconds(3600)).statusCode(200)
                .body("step", equalTo("trigger")).body("closedAt", equalTo(null));
        open(selection, "trigger", Instant.now().plusSeconds(3600)).statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("/step-opened"));

        officer("a1", c + "-A");
        String a = enter(steps, c + "-A", "yes").statusCode(200).body("status", equalTo("pending"))
                .body("digest", equalTo(null)).extract().path("id");
        // The officer who entered it cannot confirm it, even as the only one at hand.
        given().post(steps + "/returns/" + a + "/confirm").then().statusCode(403);
        // An officer of another affiliate can neither make A's return nor confirm it.
        officer("b1", c + "-B");
        enter(steps, c + "-A", "no").statusCode(403).contentType("application/problem+json");
        given().post(steps + "/returns/" + a + "/confirm").then().statusCode(403);
        officer("a2", c + "-A");
        ValidatableResponse confirmed = given().post(steps + "/returns/" + a + "/confirm").then().statusCode(200)
                .body("status", equalTo("confirmed")).body("enteredBy", equalTo("a1"))
                .body("confirmedBy", equalTo("a2")).body("digest", matchesPattern("[0-9a-f]{64}"));
        assertEquals(Digest.sha256(confirmed.extract().<String>path("canonical").getBytes(StandardCharsets.UTF_8))
                .hex(), confirmed.extract().path("digest"));
        enter(steps, c + "-A", "no").statusCode(409).body("type", endsWith("/return-exists"));

        officer("b1", c + "-B");
        String b = enter(steps, c + "-B", "no").statusCode(200).extract().path("id");
        // B has a second officer: a scrutineer does not confirm for it.
        scrutineer();
        given().post(steps + "/returns/" + b + "/confirm").then().statusCode(403);
        officer("b2", c + "-B");
        given().post(steps + "/returns/" + b + "/confirm").then().statusCode(200);
        // C has one officer: a scrutineer of the area confirms.
        officer("c1", c + "-C");
        String cr = enter(steps, c + "-C", "no").statusCode(200).extract().path("id");
        scrutineer();
        given().post(steps + "/returns/" + cr + "/confirm").then().statusCode(200)
                .body("confirmedBy", equalTo("scrutineer"));
        // D's return is never confirmed: had it counted, 2 of 4 for a contest would reach one half.
        officer("d1", c + "-D");
        enter(steps, c + "-D", "yes").statusCode(200);
        given().get(steps + "/returns").then().statusCode(200)
                .body("affiliate", equalTo(List.of(c + "-A", c + "-B", c + "-C", c + "-D")))
                .body("status", equalTo(List.of("confirmed", "confirmed", "confirmed", "pending")));
        admin();
        given().get(steps + "/returns").then().statusCode(200)
                .body("affiliate", equalTo(List.of(c + "-A", c + "-B", c + "-C")));

        given().post(steps + "/close").then().statusCode(200).body("outcome.triggered", equalTo(false));
        given().post(steps + "/close").then().statusCode(409).body("type", endsWith("/step-not-open"));
        given().get(steps).then().statusCode(200)
                .body("outcome.triggered", equalTo(false))
                .body("outcome.explanation", containsString("not triggered"))
                .body("outcome.units.unit", equalTo(List.of(c + "-east", c + "-west", c + "-A", c + "-B", c + "-C",
                        c + "-D")))
                .body("outcome.units.voted", equalTo(List.of(false, false, true, true, true, false)))
                .body("outcome.units.vote", equalTo(java.util.Arrays.asList(null, null, "yes", "no", "no", null)))
                .body("outcome.returns", hasSize(3));
        // Closed: no more returns; and nominations do not follow a trigger that failed.
        officer("d2", c + "-D");
        enter(steps, c + "-D", "yes").statusCode(409).body("type", endsWith("/step-closed"));
        admin();
        open(selection, "nominations", Instant.now().plusSeconds(3600)).statusCode(409)
                .body("type", endsWith("/not-triggered"));
        // The sitting member is reselected: the selection ends, with no final ballot either.
        scheduleFinalBallot(selection).statusCode(409).body("type", endsWith("/not-triggered"));
        given().get("/api/ballots/selections/" + selection + "/ballots").then().statusCode(200)
                .body("size()", equalTo(0));

        List<String> kinds = TestEvents.awaitEvents(Topics.BALLOTS, selection, TimetableEvent.TYPE, 2).stream()
                .map(r -> TestEvents.read(r, TimetableEvent.class).kind()).toList();
        assertEquals(List.of(TimetableEvent.TRIGGER_OPENED, TimetableEvent.TRIGGER_CLOSED), kinds);

        // Each return's entry and confirmation are on the audit log, by who did them; the refusals left nothing.
        List<AuditEntry> audited = audit(selection);
        assertEquals(List.of("selection.create", "step.open", "return.enter", "return.confirm", "return.enter",
                "return.confirm", "return.enter", "return.confirm", "return.enter", "step.close"),
                audited.stream().map(e -> e.action().name()).toList());
        assertEquals("sub-a2", audited.get(3).actor().subject());
        assertEquals("sub-a1", audited.get(3).action().coSigner());
        assertEquals("selection/" + selection + "/step/trigger/return/" + a, audited.get(3).action().target());
        assertEquals("sub-scrutineer", audited.get(7).actor().subject());
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aLateReturnIsRefusedUnlessCosignedAndUnderThe2018RuleTheTriggerPasses() throws InterruptedException {
        String c = constituencyWithUnits();
        String selection = selection(c, "2018");
        String steps = "/api/ballots/selections/" + selection + "/steps/trigger";
        admin();
        Instant deadline = Instant.now().plusSeconds(6);
        open(selection, "trigger", deadline).statusCode(200);
        // Nominations wait for the trigger ballot to close.
        open(selection, "nominations", Instant.now().plusSeconds(3600)).statusCode(409)
                .body("type", endsWith("/trigger-not-closed"));
        scheduleFinalBallot(selection).statusCode(409).body("type", endsWith("/trigger-not-closed"));

        officer("a1", c + "-A");
        String a = enter(steps, c + "-A", "yes").statusCode(200).extract().path("id");
        officer("a2", c + "-A");
        given().post(steps + "/returns/" + a + "/confirm").then().statusCode(200);
        officer("b1", c + "-B");
        String b = enter(steps, c + "-B", "no").statusCode(200).extract().path("id");
        officer("b2", c + "-B");
        given().post(steps + "/returns/" + b + "/confirm").then().statusCode(200);

        while (!Instant.now().isAfter(deadline.plusSeconds(1))) {
            Thread.sleep(250);
        }
        officer("c1", c + "-C");
        enter(steps, c + "-C", "no").statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/returns-closed"));
        given().get(steps + "/returns").then().statusCode(200).body("affiliate", equalTo(List.of(c + "-A", c + "-B")));
        var proposed = People.proposed(given().contentType(ContentType.JSON)
                .body(Map.of("affiliate", c + "-C", "vote", "no", "reason", "the branch secretary's post was late"))
                .post(steps + "/returns").then());
        assertEquals("late-return", proposed.path("proposal.kind"));
        assertEquals("c1", proposed.path("proposal.proposedBy"));
        given().get(steps + "/returns").then().statusCode(200).body("affiliate", equalTo(List.of(c + "-A", c + "-B")));
        admin();
        People.cosign(proposed);
        officer("c1", c + "-C");
        String late = given().get(steps + "/returns").then().statusCode(200)
                .body("affiliate", equalTo(List.of(c + "-A", c + "-B", c + "-C")))
                .body("[2].status", equalTo("pending"))
                .body("[2].overrideProposal", equalTo(proposed.path("proposal.id")))
                .extract().path("[2].id");
        scrutineer();
        given().post(steps + "/returns/" + late + "/confirm").then().statusCode(200);

        admin();
        // One third of the affiliates that voted (1 of 3) asked for a contest: triggered under the 2018 rule.
        given().post(steps + "/close").then().statusCode(200)
                .body("outcome.triggered", equalTo(true))
                .body("outcome.rule.preset", equalTo("2018"))
                .body("outcome.units.voted", equalTo(List.of(false, false, true, true, true, false)))
                .body("outcome.returns.digest", hasSize(3));
        open(selection, "nominations", Instant.now().plusSeconds(3600)).statusCode(200)
                .body("step", equalTo("nominations"));
        assertEquals(List.of("selection.create", "step.open", "return.enter", "return.confirm", "return.enter",
                "return.confirm", "proposal.propose", "late-return.cosign", "return.confirm", "step.close",
                "step.open"), audit(selection).stream().map(e -> e.action().name()).toList());
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void badInputIsRefusedWithProblemDetailsAndChangesNothing() {
        String c = constituencyWithUnits();
        String open = given().contentType(ContentType.JSON)
                .body(Map.of("constituency", c, "title", "Open " + c, "freezeDate", "2026-05-01"))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
        String base = "/api/ballots/selections/" + open + "/steps/";
        admin();
        open(open, "shortlist", Instant.now().plusSeconds(3600)).statusCode(400)
                .contentType("application/problem+json").body("errors[0]", containsString("step:"));
        given().get(base + "shortlist").then().statusCode(400).contentType("application/problem+json");
        // An open selection has no trigger ballot.
        open(open, "trigger", Instant.now().plusSeconds(3600)).statusCode(409)
                .body("type", endsWith("/no-trigger-step"));
        given().get(base + "trigger").then().statusCode(404);
        open(open, "nominations", Instant.now().minusSeconds(60)).statusCode(400)
                .body("errors[0]", containsString("returnsDeadline"));
        given().get(base + "nominations").then().statusCode(404);
        open(open, "nominations", Instant.now().plusSeconds(3600)).statusCode(200);

        officer("a1", c + "-A");
        enter(base + "nominations", c + "-nope", "Alex").statusCode(400).contentType("application/problem+json")
                .body("errors[0]", containsString("affiliate"));
        // A nomination names one of the selection's candidates.
        enter(base + "nominations", c + "-A", "Nobody Known").statusCode(400)
                .body("errors[0]", containsString("not a standing candidate"));
        given().get(base + "nominations/returns").then().statusCode(200).body("size()", equalTo(0));
        admin();
        given().contentType(ContentType.JSON).body(Map.of("name", "Alex"))
                .post("/api/ballots/selections/" + open + "/candidates").then().statusCode(201);
        officer("a1", c + "-A");
        enter(base + "nominations", c + "-A", "Alex").statusCode(200).body("vote", equalTo("Alex"));
        // An officer's token names no area: the constituency's affiliate makes the selection theirs to read, with
        // the step that is open (and its deadline) and the constituency's units.
        given().get("/api/ballots/selections/" + open).then().statusCode(200).body("candidates.name", hasItem("Alex"));
        given().get(base + "nominations").then().statusCode(200).body("returnsDeadline", notNullValue());
        given().get("/api/ballots/constituencies/" + c + "/units").then().statusCode(200)
                .body("affiliates", hasSize(4));
        // Someone who is neither in the area nor an officer of its affiliates finds nothing.
        officer("x1", "C-elsewhere-A");
        given().get(base + "nominations/returns").then().statusCode(404);
        given().get("/api/ballots/selections/" + open).then().statusCode(404);
        given().get(base + "nominations").then().statusCode(404);
        given().get("/api/ballots/constituencies/" + c + "/units").then().statusCode(404);
        admin();
        given().get(base + "nominations").then().statusCode(200).body("openedBy", notNullValue());
    }

    /** A constituency with branches east and west, affiliates A, B, D (two officers each) and C (one). */
    static String constituencyWithUnits() {
        admin();
        String c = TestEvents.knownConstituency(REGION);
        organisation(c, new BranchCreated(c + "-east", "East", c, REGION), BranchCreated.TYPE);
        organisation(c, new BranchCreated(c + "-west", "West", c, REGION), BranchCreated.TYPE);
        Map<String, List<String>> officers = Map.of("A", List.of("a1", "a2"), "B", List.of("b1", "b2"),
                "C", List.of("c1"), "D", List.of("d1", "d2"));
        for (String a : List.of("A", "B", "C", "D")) {
            organisation(c, new AffiliateCreated(c + "-" + a, "Affiliate " + a, c, REGION, "union"),
                    AffiliateCreated.TYPE);
            for (String o : officers.get(a)) {
                organisation(c, new AffiliateOfficerAdded(c + "-" + a, c, o, "Officer " + o, o + "@example.org"),
                        AffiliateOfficerAdded.TYPE);
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/ballots/constituencies/" + c + "/units").then().statusCode(200)
                        .body("branches", hasSize(2)).body("affiliates", hasSize(4))
                        .body("affiliates.officers.flatten()", hasSize(7)));
        return c;
    }

    /** The selection's entries on the audit log, in order (as HQ). */
    static List<AuditEntry> audit(String selection) {
        admin();
        AuditLog log = AuditCodec.read(given().get("/api/ballots/audit?selection=" + selection).then()
                .statusCode(200).extract().asString());
        return log.shown().stream().filter(e -> selection.equals(e.scope().selection())).toList();
    }

    private static void organisation(String c, Object event, String type) {
        TestEvents.send(Topics.ORGANISATION, c, type, event);
    }

    private static String selection(String constituency, String preset) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("constituency", constituency, "title", "Reselection " + constituency,
                        "freezeDate", "2026-05-01",
                        "rulebook", Map.of("steps", "trigger", "trigger", Map.of("preset", preset))))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse scheduleFinalBallot(String selection) {
        return given().contentType(ContentType.JSON).body(Map.of("closesAt", Instant.now().plusSeconds(7200).toString()))
                .post("/api/ballots/selections/" + selection + "/ballots").then().contentType("application/problem+json");
    }

    static ValidatableResponse open(String selection, String step, Instant deadline) {
        return given().contentType(ContentType.JSON).body(Map.of("returnsDeadline", deadline.toString()))
                .post("/api/ballots/selections/" + selection + "/steps/" + step + "/open").then();
    }

    static ValidatableResponse enter(String step, String affiliate, String vote) {
        Map<String, Object> body = new HashMap<>(Map.of("affiliate", affiliate, "vote", vote));
        return given().contentType(ContentType.JSON).body(body).post(step + "/returns").then();
    }

    static void admin() {
        as("hq", Set.of("hq-admin"), List.of(), List.of());
    }

    static void scrutineer() {
        as("scrutineer", Set.of("scrutineer"), List.of(REGION), List.of());
    }

    /** An officer's token names the affiliates they act for, and no area. */
    static void officer(String user, String affiliate) {
        as(user, Set.of("affiliate-officer"), List.of(), List.of(affiliate));
    }

    private static void as(String user, Set<String> roles, List<String> regions, List<String> affiliates) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("sub-" + user);
        claims.setClaim("preferred_username", user);
        claims.setClaim("regions", regions);
        claims.setClaim("constituencies", List.of());
        claims.setClaim("affiliates", affiliates);
        Arc.container().instance(TestIdentityAssociation.class).get().setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal(claims)).addRoles(roles).build());
    }
}
