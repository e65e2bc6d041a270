package org.selectorate.notification.webhook;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CommitteeAppointed;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.contracts.result.ResultPublished;
import org.selectorate.notification.member.SmtpServer;
import org.selectorate.notification.notice.KafkaEvents;
import org.selectorate.testkit.EmbeddedPlatform;

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
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class WebhookSubscriptionTest {
    private static final String REGION = "R-webhooks";

    @Inject
    TestIdentityAssociation identities;

    @Test
    @TestSecurity(user = "crm", roles = "integration")
    void anIntegrationReceivesSignedEventsOfTheKindsItAskedForWithRetriesUntilItIsDeleted() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String selection = knownSelection();
            String base = "/api/notifications/selections/" + selection + "/webhooks";
            // An integration of another area finds no such selection, as any caller out of area.
            KafkaEvents.as(identities, "crm", "integration", "R-elsewhere");
            given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/hook"), "events",
                    List.of(TimetableEvent.RESULT))).post(base).then().statusCode(404);
            given().get(base).then().statusCode(404);
            KafkaEvents.as(identities, "crm", "integration", REGION);
            given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/hook"), "events", List.of("nope")))
                    .post(base).then().statusCode(400).contentType("application/problem+json");
            given().contentType(ContentType.JSON).body(Map.of("url", "ftp://example.org/x", "events",
                    List.of(TimetableEvent.RESULT))).post(base).then().statusCode(400);
            given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/hook"), "events", List.of()))
                    .post(base).then().statusCode(400);

            JsonPath hook = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/hook"), "events",
                            List.of(TimetableEvent.MEETING_SCHEDULED, Webhooks.NOTICE_DELIVERED, TimetableEvent.RESULT)))
                    .post(base).then().statusCode(201).body("secret", startsWith("whsec_"))
                    .body("createdBy", equalTo("crm")).extract().jsonPath();
            JsonPath failing = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/fail"), "events",
                    List.of(TimetableEvent.MEETING_SCHEDULED))).post(base).then().statusCode(201).extract().jsonPath();
            given().get(base).then().statusCode(200).body("size()", equalTo(2)).body("[0]", not(hasKey("secret")));

            KafkaEvents.send(Topics.BALLOTS, selection, CommitteeAppointed.TYPE, new CommitteeAppointed(selection,
                    UUID.randomUUID().toString(), "Una Union", "una-" + UUID.randomUUID() + "@example.org",
                    "union-representative", REGION, "C-w", null));
            Instant starts = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            KafkaEvents.send(Topics.BALLOTS, selection, TimetableEvent.TYPE, new TimetableEvent(selection, null,
                    TimetableEvent.MEETING_SCHEDULED, starts, "Meeting scheduled: AGM", new TimetableEvent.Meeting(
                    UUID.randomUUID().toString(), 0, "AGM", starts, starts.plusSeconds(3600), "Hall", null, null)));
            KafkaEvents.send(Topics.BALLOTS, selection, TimetableEvent.TYPE, new TimetableEvent(selection, null,
                    TimetableEvent.BALLOT_SCHEDULED, starts, "Ballot scheduled", null));
            String ballot = UUID.randomUUID().toString();
            KafkaEvents.send(Topics.RESULTS, ballot, ResultPublished.TYPE, new ResultPublished(ballot, selection,
                    List.of("Ada"), 10, Map.of("online", 10L), "00".repeat(32)));

            // meeting-scheduled, result, and a notice-delivered for each of the three notices; no ballot-scheduled.
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/hook").size() >= 5);
            Thread.sleep(1500);
            List<Receiver.Request> received = receiver.requests("/hook");
            assertEquals(5, received.size());
            String secret = hook.getString("secret");
            long now = Instant.now().getEpochSecond();
            for (Receiver.Request r : received) {
                assertTrue(Receiver.verify(secret, r.id(), r.timestamp(), r.body(), r.signature()), r.body());
                assertTrue(Math.abs(now - Long.parseLong(r.timestamp())) < 300);
                assertTrue(!Receiver.verify(failing.getString("secret"), r.id(), r.timestamp(), r.body(), r.signature()));
            }
            assertEquals(5, received.stream().map(Receiver.Request::id).distinct().count());
            List<String> types = received.stream().map(r -> JsonPath.from(r.body()).getString("type")).sorted().toList();
            assertEquals(List.of(TimetableEvent.MEETING_SCHEDULED, Webhooks.NOTICE_DELIVERED, Webhooks.NOTICE_DELIVERED,
                    Webhooks.NOTICE_DELIVERED, TimetableEvent.RESULT), types);
            JsonPath meeting = received.stream().map(r -> JsonPath.from(r.body()))
                    .filter(j -> j.getString("type").equals(TimetableEvent.MEETING_SCHEDULED)).findFirst().orElseThrow();
            assertEquals("AGM", meeting.getString("data.meeting.title"));
            assertEquals(selection, meeting.getString("data.selectionId"));

            // The failing receiver is tried max-attempts times under one webhook-id, each attempt signed afresh.
            String failingDeliveries = base + "/" + failing.getString("id") + "/deliveries";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(failingDeliveries).then()
                    .statusCode(200).body("[0].status", equalTo("failed")).body("[0].attempts", equalTo(3))
                    .body("[0].lastStatus", equalTo(500)).body("[0].nextAttemptAt", equalTo(null)));
            List<Receiver.Request> failed = receiver.requests("/fail");
            assertEquals(3, failed.size());
            assertEquals(1, failed.stream().map(Receiver.Request::id).distinct().count());
            assertTrue(failed.stream().allMatch(r -> Receiver.verify(failing.getString("secret"), r.id(), r.timestamp(),
                    r.body(), r.signature())));
            given().get(base + "/" + hook.getString("id") + "/deliveries").then().statusCode(200)
                    .body("size()", equalTo(5)).body("status", org.hamcrest.Matchers.everyItem(equalTo("delivered")))
                    .body("lastStatus", org.hamcrest.Matchers.everyItem(equalTo(204)));

            given().delete(base + "/" + hook.getString("id")).then().statusCode(204);
            given().delete(base + "/" + hook.getString("id")).then().statusCode(404);
            given().get(base).then().body("id", equalTo(List.of(failing.getString("id"))));
            KafkaEvents.send(Topics.BALLOTS, selection, TimetableEvent.TYPE, new TimetableEvent(selection, null,
                    TimetableEvent.MEETING_SCHEDULED, starts, "Meeting scheduled: Again", new TimetableEvent.Meeting(
                    UUID.randomUUID().toString(), 0, "Again", starts, starts.plusSeconds(60), "Hall", null, null)));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/fail").size() >= 4);
            Thread.sleep(1500);
            assertEquals(5, receiver.requests("/hook").size(), "a deleted subscription is sent nothing more");
        }
    }

    @Test
    @TestSecurity(user = "crm", roles = "integration")
    void aReceiverThatAnswersGoneIsUnsubscribedAndItsDeliveriesSaySo() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String selection = knownSelection();
            KafkaEvents.as(identities, "crm", "integration", REGION);
            String base = "/api/notifications/selections/" + selection + "/webhooks";
            String gone = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/gone"), "events",
                    List.of(TimetableEvent.BALLOT_SCHEDULED))).post(base).then().statusCode(201).extract().path("id");
            String live = given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/live"), "events",
                    List.of(TimetableEvent.BALLOT_SCHEDULED))).post(base).then().statusCode(201).extract().path("id");
            Instant at = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            KafkaEvents.send(Topics.BALLOTS, selection, TimetableEvent.TYPE, new TimetableEvent(selection, null,
                    TimetableEvent.BALLOT_SCHEDULED, at, "Ballot scheduled", null));

            // Not retried: failed after one attempt, and the subscription is no longer live, yet its record stays.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(base + "/" + gone + "/deliveries")
                    .then().statusCode(200).body("size()", equalTo(1)).body("[0].status", equalTo("failed"))
                    .body("[0].attempts", equalTo(1)).body("[0].lastStatus", equalTo(410))
                    .body("[0].lastError", containsString("the subscription is deactivated")));
            given().get(base).then().statusCode(200).body("id", equalTo(List.of(live)));
            given().delete(base + "/" + gone).then().statusCode(404);

            KafkaEvents.send(Topics.BALLOTS, selection, TimetableEvent.TYPE, new TimetableEvent(selection, null,
                    TimetableEvent.BALLOT_SCHEDULED, at.plusSeconds(60), "Ballot rescheduled", null));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests("/live").size() == 2);
            assertEquals(1, receiver.requests("/gone").size(), "nothing more is sent to a receiver that said 410");
            given().get(base + "/" + gone + "/deliveries").then().body("size()", equalTo(1));
        }
    }

    @Test
    @TestSecurity(user = "reg", roles = "regional-admin")
    void aRegionalAdminSubscribesInTheirAreaOnly() {
        String selection = knownSelection();
        String base = "/api/notifications/selections/" + selection + "/webhooks";
        Map<String, Object> body = Map.of("url", "https://crm.example.org/hooks", "events", List.of(TimetableEvent.RESULT));
        KafkaEvents.as(identities, "reg", "regional-admin", "R-elsewhere");
        given().contentType(ContentType.JSON).body(body).post(base).then().statusCode(404);
        given().get(base).then().statusCode(404);
        KafkaEvents.as(identities, "reg", "regional-admin", REGION);
        given().contentType(ContentType.JSON).body(body).post(base).then().statusCode(201);
        given().get(base).then().statusCode(200).body("url", equalTo(List.of("https://crm.example.org/hooks")));
        given().get("/api/notifications/selections/" + UUID.randomUUID() + "/webhooks").then().statusCode(404);
        KafkaEvents.as(identities, "cm", "committee-member", REGION);
        given().get(base).then().statusCode(403);
    }

    /** A selection notification-service has learnt the area of, from SelectionCreated; leaves the caller HQ. */
    private String knownSelection() {
        String selection = UUID.randomUUID().toString();
        KafkaEvents.send(Topics.BALLOTS, selection, SelectionCreated.TYPE, new SelectionCreated(selection, "C-w", REGION,
                "Webhook town", LocalDate.of(2026, 5, 1), 6, true, 1));
        KafkaEvents.as(identities, "hq", "hq-admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/notifications/selections/" + selection + "/webhooks").then().statusCode(200));
        return selection;
    }
}
