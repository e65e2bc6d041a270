package org.selectorate.notification.webhook;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CommitteeAppointed;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.notification.member.SmtpServer;
import org.selectorate.notification.notice.KafkaEvents;
import org.selectorate.testkit.EmbeddedPlatform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code allow-private-addresses} off, as in production: internal targets are refused, then and later. */
@QuarkusTest
@TestProfile(WebhookTargetsTest.PrivateAddressesRefused.class)
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class WebhookTargetsTest {
    private static final String REGION = "R-targets";

    public static class PrivateAddressesRefused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The dispatchers' polls as an operator would set them: a key the configuration does not know fails the boot.
            return Map.of("selectorate.webhooks.allow-private-addresses", "false",
                    "selectorate.webhooks.poll", "2s", "selectorate.mail.poll", "2s", "selectorate.notices.poll", "2s");
        }
    }

    @Inject
    TestIdentityAssociation identities;

    @Inject
    WebhookTargets targets;

    @Test
    @TestSecurity(user = "crm", roles = "integration")
    void aSubscriptionToAnInternalAddressIsRefusedNamingTheRule() throws Exception {
        String selection = knownSelection();
        KafkaEvents.as(identities, "crm", "integration", REGION);
        String base = "/api/notifications/selections/" + selection + "/webhooks";
        try (Receiver receiver = new Receiver()) {
            Map<String, String> refused = Map.of(
                    receiver.url("/hook"), "127.0.0.1 (127.0.0.1) is loopback",
                    "http://localhost:8080/hook", "is loopback",
                    "https://169.254.169.254/latest/meta-data/", "is link-local (cloud metadata)",
                    "https://10.1.2.3/hook", "is private",
                    "https://100.64.0.1/hook", "is carrier-grade NAT",
                    "https://[fd00:ec2::254]/hook", "is unique-local",
                    "https://[::ffff:192.168.0.1]/hook", "(192.168.0.1) is private",
                    "https://0.0.0.0/hook", "is unspecified",
                    "https://224.0.0.1/hook", "is multicast");
            refused.forEach((url, rule) -> given().contentType(ContentType.JSON)
                    .body(Map.of("url", url, "events", List.of(TimetableEvent.RESULT))).post(base).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors", hasItem(containsString(rule)))
                    .body("errors", hasItem(containsString(WebhookTargets.RULE))));
            given().get(base).then().statusCode(200).body("size()", equalTo(0));
        }
        // A public address is admitted, and so is a name that does not resolve from here (each delivery checks again).
        for (String url : List.of("https://93.184.215.14/hooks", "https://crm.selectorate.invalid/hooks")) {
            given().contentType(ContentType.JSON).body(Map.of("url", url, "events", List.of(TimetableEvent.RESULT)))
                    .post(base).then().statusCode(201);
        }
    }

    @Test
    @TestSecurity(user = "crm", roles = "integration")
    void aDeliveryToAnInternalAddressFailsAtOnceWithoutBeingSent() throws Exception {
        assertThrows(WebhookTargets.Refused.class, () ->
                targets.address("https://[::ffff:169.254.169.254]/latest").await().atMost(Duration.ofSeconds(10)));
        assertEquals(443, targets.address("https://93.184.215.14/hooks").await().atMost(Duration.ofSeconds(10)).port());

        // A committee member's own webhook comes with their appointment, unchecked until it is delivered to.
        try (Receiver receiver = new Receiver()) {
            String selection = UUID.randomUUID().toString();
            String member = UUID.randomUUID().toString();
            KafkaEvents.send(Topics.BALLOTS, selection, CommitteeAppointed.TYPE, new CommitteeAppointed(selection, member,
                    "Ivy Internal", "ivy-" + member + "@example.org", "constituency-officer", REGION, "C-t",
                    receiver.url("/member")));
            Instant at = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            KafkaEvents.send(Topics.BALLOTS, selection, TimetableEvent.TYPE, new TimetableEvent(selection, null,
                    TimetableEvent.BALLOT_SCHEDULED, at, "Ballot scheduled", null));

            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(memberDelivery(member)[0]));
            String[] delivery = memberDelivery(member);
            assertEquals("1", delivery[1], "not retried");
            assertTrue(delivery[2].startsWith("refused: 127.0.0.1 (127.0.0.1) is loopback"), delivery[2]);
            assertEquals(List.of(), receiver.requests("/member"), "nothing reached the internal address");
        }
    }

    /** status, attempts and last error of the member's webhook delivery ({null} until it exists). */
    private static String[] memberDelivery(String memberId) throws Exception {
        var config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
             PreparedStatement q = c.prepareStatement(
                     "select status, attempts, last_error from webhook_delivery where member_id = ?")) {
            q.setString(1, memberId);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? new String[]{r.getString(1), r.getString(2), r.getString(3)} : new String[]{null};
            }
        }
    }

    /** A selection notification-service has learnt the area of, from SelectionCreated; leaves the caller HQ. */
    private String knownSelection() {
        String selection = UUID.randomUUID().toString();
        KafkaEvents.send(Topics.BALLOTS, selection, SelectionCreated.TYPE, new SelectionCreated(selection, "C-t", REGION,
                "Targets town", LocalDate.of(2026, 5, 1), 6, true, 1));
        KafkaEvents.as(identities, "hq", "hq-admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/notifications/selections/" + selection + "/webhooks").then().statusCode(200));
        return selection;
    }
}
