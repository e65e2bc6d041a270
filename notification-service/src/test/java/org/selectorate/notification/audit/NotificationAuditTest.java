package org.selectorate.notification.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.integrity.audit.AuditCodec;
import org.selectorate.integrity.audit.AuditEntry;
import org.selectorate.integrity.audit.AuditLog;
import org.selectorate.integrity.audit.AuditVerifier;
import org.selectorate.integrity.audit.ElidedEntry;
import org.selectorate.notification.member.SmtpServer;
import org.selectorate.notification.notice.KafkaEvents;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * notification-service's admin actions on its audit chain: a webhook subscribed and deleted is on it with who did it
 * and where the events went (never the signing secret); a refused subscription leaves nothing; the export verifies
 * with nothing but the file, and a scrutineer elsewhere sees the selection's entries withheld.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class NotificationAuditTest {
    private static final String REGION = "R-audit";

    @Inject
    TestIdentityAssociation identities;

    @Inject
    Pool pool;

    @Test
    @TestSecurity(user = "crm", roles = "integration")
    void subscribingAndDeletingAWebhookAreRecordedAndTheLogVerifies() {
        String selection = UUID.randomUUID().toString();
        KafkaEvents.send(Topics.BALLOTS, selection, SelectionCreated.TYPE, new SelectionCreated(selection, "C-audit",
                REGION, "Audit town", LocalDate.of(2026, 5, 1), 6, true, 1));
        KafkaEvents.as(identities, "hq", "hq-admin");
        String base = "/api/notifications/selections/" + selection + "/webhooks";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(base).then().statusCode(200));

        KafkaEvents.as(identities, "crm", "integration", REGION);
        long before = entries();
        given().contentType(ContentType.JSON).body(Map.of("url", "https://crm.example.org/x", "events", List.of("nope")))
                .post(base).then().statusCode(400);
        assertEquals(before, entries(), "a refused subscription leaves nothing on the log");
        String url = "https://crm.example.org/hooks/" + UUID.randomUUID();
        var created = given().contentType(ContentType.JSON).body(Map.of("url", url, "events",
                List.of(TimetableEvent.RESULT))).post(base).then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        given().delete(base + "/" + id).then().statusCode(204);
        given().delete(base + "/" + id).then().statusCode(404);

        KafkaEvents.as(identities, "hq", "hq-admin");
        String exported = export("?selection=" + selection);
        assertFalse(exported.contains(created.getString("secret")), "the signing secret is never on the log");
        AuditLog log = AuditCodec.read(exported);
        assertEquals(List.of(), AuditVerifier.verify(log, null));
        List<AuditEntry> ours = log.shown().stream().filter(e -> selection.equals(e.scope().selection())).toList();
        assertEquals(List.of("webhook.subscribe", "webhook.delete"), ours.stream().map(e -> e.action().name()).toList());
        AuditEntry subscribed = ours.get(0);
        assertEquals("crm", subscribed.actor().subject());
        assertEquals(List.of("integration"), subscribed.actor().roles());
        assertEquals("selection/" + selection + "/webhook/" + id, subscribed.action().target());
        assertEquals(REGION, subscribed.scope().region());
        assertEquals(Map.of("url", url, "events", List.of(TimetableEvent.RESULT)),
                subscribed.action().after().value().orElseThrow());
        assertEquals(subscribed.action().after(), ours.get(1).action().before());

        KafkaEvents.as(identities, "scr", "scrutineer", "R-elsewhere");
        given().get("/api/notifications/audit?selection=" + selection).then().statusCode(403);
        AuditLog elsewhere = AuditCodec.read(export(""));
        assertEquals(List.of(), AuditVerifier.verify(elsewhere, null));
        assertTrue(elsewhere.shown().stream().noneMatch(e -> selection.equals(e.scope().selection())));
        assertTrue(elsewhere.entries().stream().filter(ElidedEntry.class::isInstance).count() >= 2);

        KafkaEvents.as(identities, "m", "member", REGION);
        given().get("/api/notifications/audit").then().statusCode(403);
    }

    @Test
    void anAnonymousCallerCannotReadTheLog() {
        given().get("/api/notifications/audit").then().statusCode(401);
    }

    private static String export(String query) {
        return given().get("/api/notifications/audit" + query).then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString();
    }

    private long entries() {
        return pool.query("select count(*) from audit_entry").execute().await().indefinitely().iterator().next()
                .getLong(0);
    }
}
