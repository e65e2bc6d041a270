package org.selectorate.membership.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.integrity.audit.AuditCodec;
import org.selectorate.integrity.audit.AuditEntry;
import org.selectorate.integrity.audit.AuditLink;
import org.selectorate.integrity.audit.AuditLog;
import org.selectorate.integrity.audit.AuditProblem;
import org.selectorate.integrity.audit.AuditVerifier;
import org.selectorate.integrity.audit.ElidedEntry;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.membership.Fixtures;
import org.selectorate.testkit.EmbeddedPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every admin action of membership-service lands on its audit chain in the transaction that makes it: the tree, an
 * import, a contact change, the freeze, a two-person roll change. The exported log verifies with nothing but the
 * file; a scrutineer sees their selection's entries and the rest withheld but checkable; one from elsewhere is
 * refused; an edit made in the database is caught.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogTest {
    private static final String REGION = "RAUDIT";
    private static final String CONSTITUENCY = "CAUDIT";
    private static final String BRANCH = "CAUDIT-N";
    private static final String SELECTION = "sel-audit-" + UUID.randomUUID();
    private static final String PREFIX = Fixtures.code("A");
    private static final String CSV = Fixtures.members(PREFIX, 4, BRANCH);
    private static String changeId;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Test
    @Order(1)
    @TestSecurity(user = "hq", roles = "hq-admin")
    @OidcSecurity(claims = @Claim(key = "sub", value = "sub-hq"))
    void theTreeAnImportAContactChangeAndTheFreezeAreRecorded() throws Exception {
        Fixtures.constituency(REGION, CONSTITUENCY);
        Fixtures.branch(CONSTITUENCY, BRANCH);
        long before = entries();
        given().contentType(ContentType.JSON).body(Map.of("code", REGION, "name", "again"))
                .post("/api/membership/regions").then().statusCode(409);
        assertEquals(before, entries(), "a refused action leaves nothing on the log");

        given().contentType("text/csv").body(CSV).post(membersPath()).then().statusCode(200).body("imported", equalTo(4));
        given().contentType(ContentType.JSON).body(Map.of("email", "moved@example.org"))
                .put(membersPath() + "/" + PREFIX + "0/contact").then().statusCode(200);
        Fixtures.ballotEvent(json, SELECTION, SelectionCreated.TYPE, new SelectionCreated(SELECTION, CONSTITUENCY, REGION, "Audit",
                LocalDate.of(2026, 6, 30), 6, true, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery("select count(*) from selection where id = $1")
                .execute(Tuple.of(SELECTION)).await().indefinitely().iterator().next().getLong(0) == 1);
        given().post("/api/membership/selections/" + SELECTION + "/roll/freeze").then().statusCode(201);
        changeId = given().contentType(ContentType.JSON).body(Map.of("action", "remove",
                        "membershipNumber", PREFIX + "3", "reason", "moved out of the constituency before the freeze"))
                .post("/api/membership/selections/" + SELECTION + "/roll/changes").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    @Order(2)
    @TestSecurity(user = "scrutineer", roles = "scrutineer")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "sub-scr"), @Claim(key = "constituencies", value = CONSTITUENCY)})
    void theScrutineersApprovalIsRecordedWithTheProposerAsCoSigner() {
        given().post("/api/membership/selections/" + SELECTION + "/roll/changes/" + changeId + "/approve")
                .then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "hq", roles = "hq-admin")
    @OidcSecurity(claims = @Claim(key = "sub", value = "sub-hq"))
    void hqExportsTheWholeChainAndItVerifies() {
        AuditLog log = export("");
        assertEquals(List.of(), AuditVerifier.verify(log, null));
        assertTrue(log.entries().stream().allMatch(AuditEntry.class::isInstance), "HQ sees every entry");
        List<AuditEntry> ours = log.shown().stream()
                .filter(e -> CONSTITUENCY.equals(e.scope().constituency())).toList();
        assertEquals(List.of("constituency.create", "branch.create", "members.import", "member.contact.change",
                "roll.freeze", "roll.change.propose", "roll.change.approve"),
                ours.stream().map(e -> e.action().name()).toList());
        assertTrue(log.shown().stream().anyMatch(e -> e.action().name().equals("region.create")
                && e.action().target().equals("region/" + REGION)));

        AuditEntry imported = ours.get(2);
        assertEquals("sub-hq", imported.actor().subject());
        assertEquals("hq", imported.actor().username());
        assertEquals(List.of("hq-admin"), imported.actor().roles());
        Map<?, ?> outcome = (Map<?, ?>) imported.action().after().value().orElseThrow();
        assertEquals(Digest.sha256(CSV.getBytes(StandardCharsets.UTF_8)).hex(), outcome.get("file"));
        assertEquals(4L, outcome.get("imported"));
        assertTrue(imported.time().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), imported.time());

        AuditEntry contact = ours.get(3);
        assertEquals("member/" + CONSTITUENCY + "/" + PREFIX + "0", contact.action().target());
        assertTrue(contact.action().before().value().isEmpty() && contact.action().after().value().isEmpty(),
                "a member's contact is kept as its hash only");
        assertFalse(AuditCodec.write(log).contains("moved@example.org"));

        AuditEntry freeze = ours.get(4);
        assertEquals(SELECTION, freeze.scope().selection());
        assertEquals(1L, ((Map<?, ?>) freeze.action().after().value().orElseThrow()).get("version"));
        AuditEntry propose = ours.get(5);
        assertEquals("moved out of the constituency before the freeze", propose.action().reason());
        AuditEntry approve = ours.get(6);
        assertEquals("sub-scr", approve.actor().subject());
        assertEquals("sub-hq", approve.action().coSigner());
        assertEquals("roll-change/" + changeId, approve.action().target());
        assertEquals(2L, ((Map<?, ?>) approve.action().after().value().orElseThrow()).get("version"));
        assertEquals(1L, ((Map<?, ?>) approve.action().before().value().orElseThrow()).get("version"));
        for (int i = 1; i < log.entries().size(); i++) {
            assertEquals(log.entries().get(i - 1).hash(), log.entries().get(i).previous(), "one chain, in order");
        }
    }

    @Test
    @Order(4)
    @TestSecurity(user = "scrutineer", roles = "scrutineer")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "sub-scr"), @Claim(key = "constituencies", value = CONSTITUENCY)})
    void aScrutineerInTheAreaReadsTheSelectionsEntriesAndTheRestIsWithheldButCheckable() {
        AuditLog log = export("?selection=" + SELECTION);
        assertEquals(List.of(), AuditVerifier.verify(log, null));
        assertEquals(List.of("roll.freeze", "roll.change.propose", "roll.change.approve"),
                log.shown().stream().map(e -> e.action().name()).toList());
        assertTrue(log.entries().stream().filter(ElidedEntry.class::isInstance).count() >= 5);
        assertEquals(1, log.entries().get(0).seq());
        AuditLink last = log.entries().get(log.entries().size() - 1);
        assertEquals(log.entries().size(), last.seq(), "every position of the chain is there");
    }

    @Test
    @Order(5)
    @TestSecurity(user = "other", roles = "scrutineer")
    @OidcSecurity(claims = {@Claim(key = "sub", value = "sub-other"), @Claim(key = "constituencies", value = "ELSEWHERE")})
    void aScrutineerFromElsewhereIsRefusedTheSelectionAndSeesNoneOfItsEntries() {
        given().get("/api/membership/audit?selection=" + SELECTION).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("outside your area"));
        AuditLog log = export("");
        assertEquals(List.of(), AuditVerifier.verify(log, null));
        assertTrue(log.shown().stream().noneMatch(e -> CONSTITUENCY.equals(e.scope().constituency())
                || REGION.equals(e.scope().region())));
    }

    @Test
    @Order(6)
    @TestSecurity(user = "regional", roles = "regional-admin")
    @OidcSecurity(claims = @Claim(key = "regions", value = REGION))
    void aRegionalAdminCannotReadTheLog() {
        given().get("/api/membership/audit").then().statusCode(403);
    }

    @Test
    @Order(7)
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aMalformedSelectionIsABadRequest() {
        given().get("/api/membership/audit?selection=a%20b").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/membership/audit"));
    }

    @Test
    @Order(8)
    @TestSecurity(user = "hq", roles = "hq-admin")
    void anEditInTheDatabaseIsRefusedAndOneMadeAroundTheTriggerIsDetected() {
        long seq = pool.preparedQuery("select seq from audit_entry where details like $1 and details like $2")
                .execute(Tuple.of("%\"action\":\"roll.change.propose\"%", "%roll-change/" + changeId + "%"))
                .await().indefinitely().iterator().next().getLong(0);
        String edit = "update audit_entry set details = replace(details, 'moved out of', 'never lived in') where seq = $1";
        Exception refused = assertThrows(Exception.class,
                () -> pool.preparedQuery(edit).execute(Tuple.of(seq)).await().indefinitely());
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());

        pool.withTransaction(conn -> conn.query("alter table audit_entry disable trigger audit_entry_append_only")
                .execute().chain(() -> conn.preparedQuery(edit).execute(Tuple.of(seq)))
                .chain(() -> conn.query("alter table audit_entry enable trigger audit_entry_append_only").execute()))
                .await().indefinitely();
        try {
            List<AuditProblem> problems = AuditVerifier.verify(export(""), null);
            assertEquals(List.of(new AuditProblem(AuditProblem.Kind.EDITED, seq, "its content does not match its hash")),
                    problems);
        } finally {
            String undo = "update audit_entry set details = replace(details, 'never lived in', 'moved out of') "
                    + "where seq = $1";
            pool.withTransaction(conn -> conn.query("alter table audit_entry disable trigger audit_entry_append_only")
                    .execute().chain(() -> conn.preparedQuery(undo).execute(Tuple.of(seq)))
                    .chain(() -> conn.query("alter table audit_entry enable trigger audit_entry_append_only").execute()))
                    .await().indefinitely();
        }
        assertEquals(List.of(), AuditVerifier.verify(export(""), null));
    }

    private static AuditLog export(String query) {
        String body = given().get("/api/membership/audit" + query).then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString();
        return AuditCodec.read(body);
    }

    private long entries() {
        return pool.query("select count(*) from audit_entry").execute().await().indefinitely().iterator().next()
                .getLong(0);
    }

    private static String membersPath() {
        return "/api/membership/constituencies/" + CONSTITUENCY + "/members";
    }
}
