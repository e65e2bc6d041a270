package org.selectorate.notification.member;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.AccessCodeIssued;
import org.selectorate.contracts.record.EntriesRecorded;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Your vote was recorded with tracker X": asked for anonymously with the access code, held until the tracker is
 * on the record, mailed to the address the code went to, then the tracker and the body are erased.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class ReceiptTest {
    private static final String TRACKER = "7K3M-Q9TD-2XHB-W4RN";

    @Inject
    Pool pool;

    @Test
    void theReceiptWaitsForTheRecordAndGoesToTheAddressTheCodeWentTo() {
        String ballot = "b-" + UUID.randomUUID();
        String email = "voter-" + UUID.randomUUID() + "@example.org";
        String code = issue(ballot, email, "7K3M-9QXP-2H4D-W8RT");

        // Typed back as a person may: lower case, no hyphens; the tracker too.
        given().contentType(ContentType.JSON).body(Map.of("accessCode", code.toLowerCase().replace("-", ""),
                        "tracker", TRACKER.toLowerCase()))
                .post(receipts(ballot)).then().statusCode(202).body("tracker", equalTo(TRACKER));
        given().contentType(ContentType.JSON).body(Map.of("accessCode", code, "tracker", TRACKER))
                .post(receipts(ballot)).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already"));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> MailEvents.messagesTo(email).size() == 1);

        MailEvents.send(Topics.RECORDS, ballot, EntriesRecorded.TYPE,
                new EntriesRecorded(ballot, List.of("0000-0000-0000-0000", TRACKER)));
        MimeMessage receipt = MailEvents.awaitMail(email, 2).stream()
                .filter(m -> MailEvents.subject(m).equals("Your vote was recorded")).findFirst().orElseThrow();
        String body = MailEvents.body(receipt);
        assertTrue(body.contains(TRACKER), body);
        assertTrue(body.contains("/api/tally/public/ballots/" + ballot + "/entries/" + TRACKER), body);

        await().atMost(Duration.ofSeconds(10)).until(() -> row(
                "select a.body from receipt r join member_alert a on a.id = r.alert_id where r.ballot_id = $1", ballot)
                != null && row("select a.body from receipt r join member_alert a on a.id = r.alert_id "
                + "where r.ballot_id = $1", ballot).getString(0) == null);
        assertNull(row("select tracker from receipt where ballot_id = $1", ballot).getString(0),
                "the tracker is erased once the receipt is queued");
    }

    @Test
    void aTrackerRecordedBeforeTheRequestIsSentAtOnce() {
        String ballot = "b-" + UUID.randomUUID();
        String email = "early-" + UUID.randomUUID() + "@example.org";
        String code = issue(ballot, email, "ABCD-EFGH-JKMN-PQRS");
        MailEvents.send(Topics.RECORDS, ballot, EntriesRecorded.TYPE, new EntriesRecorded(ballot, List.of(TRACKER)));
        await().atMost(Duration.ofSeconds(30)).until(() -> row(
                "select count(*) from recorded_tracker where ballot_id = $1", ballot).getLong(0) == 1);
        given().contentType(ContentType.JSON).body(Map.of("accessCode", code, "tracker", TRACKER))
                .post(receipts(ballot)).then().statusCode(202);
        assertTrue(MailEvents.awaitMail(email, 2).stream()
                .anyMatch(m -> MailEvents.body(m).contains(TRACKER)));
    }

    @Test
    void unknownCodesAndMalformedRequestsAreRefused() {
        String ballot = "b-" + UUID.randomUUID();
        String code = issue(ballot, "other-" + UUID.randomUUID() + "@example.org", "WXYZ-0123-4567-89AB");
        given().contentType(ContentType.JSON).body(Map.of("accessCode", "0000-0000-0000-0000", "tracker", TRACKER))
                .post(receipts(ballot)).then().statusCode(404).contentType("application/problem+json");
        // The right code for another ballot is unknown there.
        given().contentType(ContentType.JSON).body(Map.of("accessCode", code, "tracker", TRACKER))
                .post(receipts("b-other")).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("accessCode", "short", "tracker", "not a tracker"))
                .post(receipts(ballot)).then().statusCode(400)
                .body("errors", hasItem(containsString("accessCode"))).body("errors", hasItem(containsString("tracker")));
        assertEquals(0L, row("select count(*) from receipt where ballot_id = $1", ballot).getLong(0));
    }

    /** The access code as ballot-service sends it; answers once its mail has gone out. */
    private static String issue(String ballot, String email, String code) {
        MailEvents.send(Topics.CREDENTIALS, ballot, AccessCodeIssued.TYPE, new AccessCodeIssued(ballot, "Final ballot",
                email, "Ada Lovelace", code, Instant.now().plusSeconds(3600)));
        MailEvents.awaitMail(email, 1);
        return code;
    }

    private Row row(String sql, String param) {
        var rows = pool.preparedQuery(sql).execute(Tuple.of(param)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    private static String receipts(String ballot) {
        return "/api/notifications/public/ballots/" + ballot + "/receipts";
    }
}
