package org.selectorate.ballot.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.selectorate.ballot.TestEvents;
import org.selectorate.integrity.audit.AuditCodec;
import org.selectorate.integrity.audit.AuditEntry;
import org.selectorate.integrity.audit.AuditLog;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditVerifier;
import org.selectorate.integrity.audit.ElidedEntry;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selectorate.ballot.FinalBallots.ballot;
import static org.selectorate.ballot.FinalBallots.electors;
import static org.selectorate.ballot.FinalBallots.roll;
import static org.selectorate.ballot.People.as;
import static org.selectorate.ballot.People.proposed;

/**
 * Every admin action of ballot-service lands on its audit chain in the transaction that makes it, a proposal in the
 * transaction that records it, and a co-signed action in the co-signature's, by the co-signer with the proposer as
 * co-signer. The exported log verifies with nothing but the file; a scrutineer of the area reads the selection's
 * entries, one from elsewhere sees them withheld; what fails leaves nothing.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BallotAuditTest {
    private static final String REGION = "R-audit";
    private static final Instant STARTS = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final List<String> EXPECTED = List.of("selection.create", "candidate.add", "candidate.add",
            "candidate.add", "candidate.add", "candidate.accounts.set", "committee.appoint", "step.open",
            "step.close", "shortlist.publish", "meeting.schedule", "meeting.change", "proposal.propose",
            "notice-override.cosign", "meeting.start", "meeting.schedule", "meeting.cancel", "committee.remove",
            "candidate.withdraw", "ballot.schedule", "ballot.open", "proposal.propose", "proposal.decline",
            "proposal.propose", "close-ballot.cosign");
    /** The scrutineer acts here; every other step is the regional admin's. */
    private static final Set<Integer> SCRUTINEERS = Set.of(13, 22, 24);

    private static String constituency;
    private static String selection;
    private static String ada;
    private static String ballot;
    private static String closeDigest;

    @Inject
    Pool pool;

    @Test
    @Order(1)
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aSelectionsAdminStepsAreRecordedAndWhatFailsLeavesNothing() {
        constituency = TestEvents.knownConstituency(REGION);
        ana();
        selection = given().contentType(ContentType.JSON)
                .body(Map.of("constituency", constituency, "title", "Audit " + constituency, "freezeDate", "2026-05-01"))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
        String path = "/api/ballots/selections/" + selection;
        given().contentType(ContentType.JSON).body(Map.of("name", "Ada", "account", "ada", "agents", List.of("ada.agent")))
                .post(path + "/candidates").then().statusCode(201);
        for (String name : List.of("Mary", "Grace", "Hedy")) {
            given().contentType(ContentType.JSON).body(Map.of("name", name)).post(path + "/candidates")
                    .then().statusCode(201);
        }
        given().contentType(ContentType.JSON).body(Map.of("account", "ada", "agents", List.of("ada.press")))
                .put(path + "/candidates/Ada/accounts").then().statusCode(200);
        String member = given().contentType(ContentType.JSON)
                .body(Map.of("name", "Con Officer", "email", "con@example.org", "role", "constituency-officer"))
                .post(path + "/committee").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("returnsDeadline", STARTS.toString()))
                .post(path + "/steps/nominations/open").then().statusCode(200);
        given().post(path + "/steps/nominations/close").then().statusCode(200);
        List<String> candidates = given().get(path).then().statusCode(200).extract().path("candidates.id");
        ada = candidates.get(0);
        given().contentType(ContentType.JSON).body(Map.of("candidates", candidates)).post(path + "/shortlist")
                .then().statusCode(200);
        String meeting = given().contentType(ContentType.JSON).body(meeting("Hall")).post(path + "/meetings")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(meeting("Library")).put(path + "/meetings/" + meeting)
                .then().statusCode(200);

        long before = entries();
        given().post(path + "/meetings/" + meeting + "/start").then().statusCode(409);
        given().post(path + "/steps/nominations/close").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("name", "Ada")).post(path + "/candidates")
                .then().statusCode(409);
        assertEquals(before, entries(), "a refused action leaves nothing on the log");

        ExtractableResponse<Response> override = given().contentType(ContentType.JSON)
                .body(Map.of("reason", "the officer was told in person"))
                .post(path + "/meetings/" + meeting + "/notice-override").then().statusCode(201).extract();
        sam();
        given().contentType(ContentType.JSON).body(Map.of("reason", "confirmed with the officer", "digest",
                        override.path("digest")))
                .post("/api/ballots/proposals/" + override.path("proposalId") + "/cosign").then().statusCode(200);
        ana();
        given().post(path + "/meetings/" + meeting + "/start").then().statusCode(200);
        String second = given().contentType(ContentType.JSON).body(meeting("Annexe")).post(path + "/meetings")
                .then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("reason", "no longer needed"))
                .post(path + "/meetings/" + second + "/cancel").then().statusCode(200);
        given().delete(path + "/committee/" + member).then().statusCode(204);
        given().contentType(ContentType.JSON).body("{}").post(path + "/candidates/Hedy/withdraw").then().statusCode(200);

        ballot = ballot(selection);
        roll(selection, electors(2));
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200);

        before = entries();
        given().contentType(ContentType.JSON).body("{}").post(path + "/candidates/Grace/withdraw").then().statusCode(400);
        assertEquals(before, entries(), "a proposal refused for want of a reason leaves nothing");
        ExtractableResponse<Response> withdrawal = proposed(given().contentType(ContentType.JSON)
                .body(Map.of("reason", "Grace may stand down")).post(path + "/candidates/Grace/withdraw").then());
        sam();
        given().contentType(ContentType.JSON).body(Map.of("reason", "no letter from Grace"))
                .post("/api/ballots/proposals/" + withdrawal.path("proposal.id") + "/decline").then().statusCode(200);
        ana();
        ExtractableResponse<Response> close = proposed(given().contentType(ContentType.JSON)
                .body(Map.of("reason", "the count must start tonight"))
                .post("/api/ballots/ballots/" + ballot + "/close").then());
        closeDigest = close.path("proposal.digest");
        sam();
        given().contentType(ContentType.JSON).body(Map.of("reason", "agreed by the panel", "digest", closeDigest))
                .post("/api/ballots/proposals/" + close.path("proposal.id") + "/cosign").then().statusCode(200);
    }

    @Test
    @Order(2)
    @TestSecurity(user = "hq", roles = "hq-admin")
    void hqExportsTheChainAndItVerifiesWithEachStepByWhoTookIt() {
        AuditLog log = export("");
        assertEquals(List.of(), AuditVerifier.verify(log, null));
        assertTrue(log.entries().stream().allMatch(AuditEntry.class::isInstance), "HQ sees every entry");
        List<AuditEntry> ours = log.shown().stream().filter(e -> selection.equals(e.scope().selection())).toList();
        assertEquals(EXPECTED, ours.stream().map(e -> e.action().name()).toList());

        AuditScope scope = AuditScope.selection(REGION, constituency, selection);
        for (int i = 0; i < ours.size(); i++) {
            AuditEntry e = ours.get(i);
            assertEquals(scope, e.scope());
            boolean scrutineer = SCRUTINEERS.contains(i);
            assertEquals(scrutineer ? "sub-sam" : "sub-ana", e.actor().subject(), e.action().name());
            assertEquals(scrutineer ? List.of("scrutineer") : List.of("regional-admin"), e.actor().roles());
            assertTrue(e.action().target().startsWith("selection/" + selection), e.action().target());
            String details = e.details().toString();
            assertFalse(details.contains("@example.org"), "no email, of a committee member or an elector: " + details);
        }
        assertEquals("selection/" + selection + "/candidate/" + ada, ours.get(1).action().target());
        Map<?, ?> accounts = (Map<?, ?>) ours.get(5).action().after().value().orElseThrow();
        assertEquals(List.of("ada.press"), accounts.get("agents"));
        assertEquals(List.of("ada.agent"), ((Map<?, ?>) ours.get(5).action().before().value().orElseThrow()).get("agents"));

        AuditEntry overrideGranted = ours.get(13);
        assertEquals("sub-ana", overrideGranted.action().coSigner());
        assertEquals("confirmed with the officer", overrideGranted.action().reason());
        assertTrue(overrideGranted.action().target().endsWith("/notice-override"));

        AuditEntry opened = ours.get(20);
        Map<?, ?> paper = (Map<?, ?>) opened.action().after().value().orElseThrow();
        assertEquals(List.of("Ada", "Mary", "Grace"), paper.get("candidates"));
        assertEquals(2L, paper.get("electorate"));

        AuditEntry declined = ours.get(22);
        assertNull(declined.action().coSigner(), "declining co-signs nothing");
        assertEquals("no letter from Grace", declined.action().reason());
        assertEquals(ours.get(21).action().target(), declined.action().target(), "filed where it was proposed");
        assertTrue(declined.action().target().startsWith("selection/" + selection + "/candidate/"));

        AuditEntry proposedClose = ours.get(23);
        assertEquals("the count must start tonight", proposedClose.action().reason());
        AuditEntry closed = ours.get(24);
        assertEquals("selection/" + selection + "/ballot/" + ballot, closed.action().target());
        assertEquals("sub-ana", closed.action().coSigner());
        assertEquals("agreed by the panel", closed.action().reason());
        Map<?, ?> after = (Map<?, ?>) closed.action().after().value().orElseThrow();
        assertEquals(closeDigest, after.get("digest"));
        assertEquals("close-ballot", after.get("kind"));
        assertEquals("closed", ((Map<?, ?>) after.get("done")).get("status"));
        assertEquals("ana", ((Map<?, ?>) after.get("done")).get("closedBy"));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aScrutineerOfTheAreaReadsTheSelectionsEntries() {
        sam();
        AuditLog log = export("?selection=" + selection);
        assertEquals(List.of(), AuditVerifier.verify(log, null));
        assertEquals(EXPECTED, log.shown().stream().map(e -> e.action().name()).toList());
        assertEquals(log.entries().size(), log.entries().get(log.entries().size() - 1).seq(),
                "every position of the chain is there");
    }

    @Test
    @Order(4)
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aScrutineerFromElsewhereIsRefusedTheSelectionAndSeesItsEntriesWithheld() {
        as("sub-far", "far", Set.of("scrutineer"), List.of("R-elsewhere"), List.of());
        given().get("/api/ballots/audit?selection=" + selection).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("outside your area"));
        AuditLog log = export("");
        assertEquals(List.of(), AuditVerifier.verify(log, null));
        assertTrue(log.shown().stream().noneMatch(e -> selection.equals(e.scope().selection())));
        assertEquals(EXPECTED.size(), log.entries().stream()
                .filter(e -> e instanceof ElidedEntry && selection.equals(e.scope().selection())).count());
    }

    @Test
    @Order(5)
    @TestSecurity(user = "mem", roles = "member")
    void aMemberIsRefused() {
        given().get("/api/ballots/audit").then().statusCode(403);
    }

    @Test
    @Order(6)
    void anAnonymousCallerIsRefused() {
        given().get("/api/ballots/audit").then().statusCode(401);
    }

    private static void ana() {
        as("sub-ana", "ana", Set.of("regional-admin"), List.of(REGION), List.of());
    }

    private static void sam() {
        as("sub-sam", "sam", Set.of("scrutineer"), List.of(REGION), List.of());
    }

    private static Map<String, Object> meeting(String location) {
        return Map.of("title", "Hustings", "startsAt", STARTS.toString(),
                "endsAt", STARTS.plus(2, ChronoUnit.HOURS).toString(), "location", location);
    }

    private static AuditLog export(String query) {
        return AuditCodec.read(given().get("/api/ballots/audit" + query).then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString());
    }

    private long entries() {
        return pool.query("select count(*) from audit_entry").execute().await().indefinitely().iterator().next()
                .getLong(0);
    }
}
