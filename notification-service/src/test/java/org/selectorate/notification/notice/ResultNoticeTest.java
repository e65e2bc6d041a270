package org.selectorate.notification.notice;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestIdentityAssociation;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CandidateNominated;
import org.selectorate.contracts.ballot.CommitteeAppointed;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.contracts.result.CertificationRefused;
import org.selectorate.contracts.result.ResultDeclared;
import org.selectorate.notification.member.SmtpServer;
import org.selectorate.notification.webhook.Receiver;
import org.selectorate.notification.webhook.Webhooks;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A declared result told to every committee member and candidate, and to the webhooks asking for it; a refused
 * certification told to every committee member with its reasons. Each is a notice with the ledger's delivery proof.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
@TestSecurity(user = "hq", roles = "hq-admin")
class ResultNoticeTest {
    private static final String REGION = "R-results";

    @Inject
    TestIdentityAssociation identities;
    @Inject
    Pool pool;

    @Test
    void aDeclaredResultIsToldToEveryCommitteeMemberAndCandidateAndToWebhooks() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String selection = knownSelection();
            String secret = subscribe(selection, receiver.url("/declared"));
            List<String> committee = appoint(selection, 2);
            String ada = "ada-" + UUID.randomUUID() + "@example.org";
            String bo = "bo-" + UUID.randomUUID() + "@example.org";
            nominate(selection, "Ada", ada);
            nominate(selection, "Bo", bo);
            // A candidate for whom ballot-service holds no address cannot be told; the others are.
            KafkaEvents.send(Topics.BALLOTS, selection, CandidateNominated.TYPE, new CandidateNominated(selection,
                    UUID.randomUUID().toString(), "Cy", "cy", List.of(), REGION, "C-r"));
            await().atMost(Duration.ofSeconds(30)).until(() -> rows("mailing_candidate", selection) == 3
                    && rows("committee_seat", selection) == 2);

            String ballot = UUID.randomUUID().toString();
            Instant declaredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            KafkaEvents.send(Topics.RESULTS, ballot, ResultDeclared.TYPE, new ResultDeclared(ballot, selection,
                    List.of("Ada"), "ria", declaredAt));

            String summary = "Result declared: Ada elected (declared by ria)";
            for (String email : committee) {
                MimeMessage mail = awaitMail(email);
                assertEquals("Selection notice: " + summary, mail.getSubject());
                assertTrue(mail.getContent().toString().contains("member of the selection committee"));
            }
            for (String email : List.of(ada, bo)) {
                MimeMessage mail = awaitMail(email);
                assertEquals("Selection notice: " + summary, mail.getSubject());
                String body = mail.getContent().toString();
                assertTrue(body.contains("as a candidate in the selection"), body);
                assertTrue(body.contains("/api/notifications/public/notices/"), "a candidate acknowledges too");
            }

            JsonPath ledger = ledger(selection, 4);
            assertEquals(List.of(ResultListener.RESULT_DECLARED), ledger.<String>getList("kind").stream().distinct()
                    .toList());
            assertEquals(List.of("delivered"), ledger.<String>getList("status").stream().distinct().toList());
            assertEquals(List.of("Ada", "Bo"), ledger.<String>getList("findAll { it.role == 'candidate' }.name")
                    .stream().sorted().toList());
            assertEquals(2, ledger.<String>getList("findAll { it.role != 'candidate' }.recipient").size());

            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.requests("/declared").isEmpty());
            Receiver.Request hook = receiver.requests("/declared").get(0);
            assertTrue(Receiver.verify(secret, hook.id(), hook.timestamp(), hook.body(), hook.signature()));
            JsonPath body = JsonPath.from(hook.body());
            assertEquals(Webhooks.RESULT_DECLARED, body.getString("type"));
            assertEquals(ballot, body.getString("data.ballotId"));
            assertEquals(List.of("Ada"), body.getList("data.elected"));
            assertEquals("ria", body.getString("data.declaredBy"));
        }
    }

    @Test
    void aRefusedCertificationIsToldToEveryCommitteeMemberWithItsReasons() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String selection = knownSelection();
            String secret = subscribe(selection, receiver.url("/refused"));
            List<String> committee = appoint(selection, 3);
            nominate(selection, "Ada", "ada-" + UUID.randomUUID() + "@example.org");
            await().atMost(Duration.ofSeconds(30)).until(() -> rows("committee_seat", selection) == 3
                    && rows("mailing_candidate", selection) == 1);

            String ballot = UUID.randomUUID().toString();
            List<String> reasons = List.of("batch 3 was keyed by one teller", "turnout in Branch X is implausible");
            KafkaEvents.send(Topics.RESULTS, ballot, CertificationRefused.TYPE, new CertificationRefused(ballot,
                    selection, "kim", reasons));

            for (String email : committee) {
                MimeMessage mail = awaitMail(email);
                assertTrue(mail.getSubject().startsWith("Selection notice: Certification refused by scrutineer kim: "
                        + reasons.get(0) + "; " + reasons.get(1)), mail.getSubject());
                assertTrue(mail.getContent().toString().contains(reasons.get(1)));
            }
            // Committee only: the candidates hear of the result when it is declared.
            JsonPath ledger = ledger(selection, 3);
            assertEquals(List.of(ResultListener.CERTIFICATION_REFUSED), ledger.<String>getList("kind").stream()
                    .distinct().toList());
            assertTrue(ledger.<String>getList("role").stream().noneMatch("candidate"::equals));

            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.requests("/refused").isEmpty());
            Receiver.Request hook = receiver.requests("/refused").get(0);
            assertTrue(Receiver.verify(secret, hook.id(), hook.timestamp(), hook.body(), hook.signature()));
            JsonPath body = JsonPath.from(hook.body());
            assertEquals(Webhooks.CERTIFICATION_REFUSED, body.getString("type"));
            assertEquals(reasons, body.getList("data.reasons"));
            assertEquals("kim", body.getString("data.scrutineer"));
        }
    }

    private String knownSelection() {
        String selection = UUID.randomUUID().toString();
        KafkaEvents.send(Topics.BALLOTS, selection, SelectionCreated.TYPE, new SelectionCreated(selection, "C-r",
                REGION, "Result town", LocalDate.of(2026, 5, 1), 6, true, 1));
        KafkaEvents.as(identities, "hq", "hq-admin");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/notifications/selections/" + selection + "/webhooks").then().statusCode(200));
        return selection;
    }

    /** An integration's subscription to declarations and refusals; returns its secret. */
    private static String subscribe(String selection, String url) {
        return given().contentType(ContentType.JSON).body(Map.of("url", url, "events",
                        List.of(Webhooks.RESULT_DECLARED, Webhooks.CERTIFICATION_REFUSED)))
                .post("/api/notifications/selections/" + selection + "/webhooks").then().statusCode(201)
                .extract().path("secret");
    }

    private static List<String> appoint(String selection, int size) {
        List<String> emails = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            String email = "m" + i + "-" + UUID.randomUUID() + "@example.org";
            emails.add(email);
            KafkaEvents.send(Topics.BALLOTS, selection, CommitteeAppointed.TYPE, new CommitteeAppointed(selection,
                    UUID.randomUUID().toString(), "Member " + i, email, "constituency-officer", REGION, "C-r", null));
        }
        return emails;
    }

    private static void nominate(String selection, String name, String email) {
        KafkaEvents.send(Topics.BALLOTS, selection, CandidateNominated.TYPE, new CandidateNominated(selection,
                UUID.randomUUID().toString(), name, name.toLowerCase(), List.of(), REGION, "C-r", email));
    }

    private long rows(String table, String selection) {
        return pool.preparedQuery("select count(*) from " + table + " where selection_id = $1")
                .execute(Tuple.of(selection)).await().indefinitely().iterator().next().getLong(0);
    }

    private static JsonPath ledger(String selection, int size) {
        String path = "/api/notifications/selections/" + selection + "/notices";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(path).then().statusCode(200)
                .body("size()", equalTo(size))
                .body("findAll { it.status == 'pending' }.size()", equalTo(0)));
        return given().get(path).then().extract().jsonPath();
    }

    private static MimeMessage awaitMail(String email) {
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(email).size() == 1);
        return messagesTo(email).get(0);
    }

    private static List<MimeMessage> messagesTo(String email) {
        return Arrays.stream(SmtpServer.received().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.toString(m.getRecipients(Message.RecipientType.TO)).contains(email);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
