package org.selectorate.notification.mailing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CandidateNominated;
import org.selectorate.contracts.ballot.CandidateWithdrawn;
import org.selectorate.contracts.ballot.MailingRules;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.contracts.roll.RollEntries.Elector;
import org.selectorate.contracts.roll.RollFrozen;
import org.selectorate.notification.member.MailEvents;
import org.selectorate.notification.member.SmtpServer;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Candidate mailings: only a candidate's own account or agent sends (never an admin), every candidate has the same
 * quota, the frozen electorate is written to at the address held at the freeze with a signed unsubscribe link,
 * and the record is listed equally to candidates, scrutineers and admins, without contact details.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailingTest {
    private static final String SELECTION = UUID.randomUUID().toString();
    private static final String REGION = "R-MAIL";
    private static final String TAG = UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> ELECTORS = List.of("e1-" + TAG + "@example.org", "e2-" + TAG + "@example.org",
            "e3-" + TAG + "@example.org");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("https?://\\S+(/api/notifications/public/unsubscribe\\?\\S+)");

    @Inject
    Pool pool;

    @Test
    @Order(1)
    void theSelectionsTermsCandidatesAndFrozenRollArrive() {
        MailEvents.send(Topics.BALLOTS, SELECTION, MailingRules.TYPE, new MailingRules(SELECTION, REGION, "C-MAIL", 1, 2, 7));
        MailEvents.send(Topics.BALLOTS, SELECTION, CandidateNominated.TYPE, new CandidateNominated(SELECTION, "cand-ada-" + TAG,
                "Ada Lovelace", "ada", List.of("ada-agent"), REGION, "C-MAIL"));
        MailEvents.send(Topics.BALLOTS, SELECTION, CandidateNominated.TYPE, new CandidateNominated(SELECTION, "cand-bo-" + TAG,
                "Bo Diddley", "bo", List.of(), REGION, "C-MAIL"));
        MailEvents.send(Topics.BALLOTS, SELECTION, CandidateNominated.TYPE, new CandidateNominated(SELECTION, "cand-cy-" + TAG,
                "Cy Twombly", "cy", List.of(), REGION, "C-MAIL"));
        MailEvents.send(Topics.BALLOTS, SELECTION, CandidateWithdrawn.TYPE, new CandidateWithdrawn(SELECTION, "cand-cy-" + TAG,
                "Cy Twombly", Instant.now()));
        MailEvents.send(Topics.ROLL, SELECTION, RollFrozen.TYPE, new RollFrozen(SELECTION, "C-MAIL", 1,
                LocalDate.of(2026, 6, 30), 3, "00", Map.of("B1", 3L), 2, 0));
        RollEntries second = new RollEntries(SELECTION, 1, 1, 2, List.of(new Elector("E-3", "Three", ELECTORS.get(2), "B1")));
        MailEvents.send(Topics.ROLL, SELECTION, RollEntries.TYPE, new RollEntries(SELECTION, 1, 0, 2, List.of(
                new Elector("E-1", "One", ELECTORS.get(0), "B1"), new Elector("E-2", "Two", ELECTORS.get(1), "B1"))));
        MailEvents.send(Topics.ROLL, SELECTION, RollEntries.TYPE, second);
        // The same chunk again, under a new event id: nothing changes.
        MailEvents.send(Topics.ROLL, SELECTION, RollEntries.TYPE, second);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from roll_elector where selection_id = $1") == 3
                && count("select count(*) from mailing_candidate where selection_id = $1 and withdrawn_at is not null") == 1
                && count("select count(*) from mailing_selection where selection_id = $1") == 1);
    }

    @Test
    @Order(2)
    @TestSecurity(user = "hq", roles = {"hq-admin", "candidate"})
    void anAdminCannotSendOnACandidatesBehalf() {
        send("From HQ", "Vote for the right one").statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("an admin cannot send on a candidate's behalf"));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "eve", roles = "candidate")
    void aCandidateRoleAloneIsNotEnough() {
        send("Hello", "Not my selection").statusCode(403).body("detail", containsString("only a candidate of this selection"));
        given().get(path()).then().statusCode(404);
    }

    @Test
    @Order(4)
    @TestSecurity(user = "ada", roles = "candidate")
    void theCandidateWritesToTheFrozenElectorateEachWithTheirOwnUnsubscribeLink() {
        send("Meet Ada", "Hustings on Friday at the library.").statusCode(201)
                .body("recipients", equalTo(3)).body("candidate", equalTo("Ada Lovelace")).body("sentBy", equalTo("ada"));
        for (String elector : ELECTORS) {
            MimeMessage mail = MailEvents.awaitMail(elector, 1).get(0);
            String body = MailEvents.body(mail);
            assertEquals("Meet Ada", MailEvents.subject(mail));
            assertTrue(body.contains("Hustings on Friday at the library.") && body.contains("Ada Lovelace"), body);
            assertTrue(UNSUBSCRIBE.matcher(body).find(), body);
            assertTrue(header(mail, "List-Unsubscribe").contains("/api/notifications/public/unsubscribe?"));
            assertNull(header(mail, "Reply-To"), "a reply must not reach the candidate with the elector's address");
        }
        send("", "x".repeat(20_001)).statusCode(400).body("errors", hasSize(2));
    }

    @Test
    @Order(5)
    @TestSecurity(user = "ada-agent", roles = "candidate")
    void theAgentSendsWithinTheSameQuota() {
        send("Ada, again", "Second message.").statusCode(201).body("sentBy", equalTo("ada-agent"));
        send("Ada, third", "Over the quota.").statusCode(429).contentType("application/problem+json")
                .body("detail", containsString("2 mailing(s) in any 7 day(s)"))
                .body("detail", containsString("the next may be sent at"));
    }

    @Test
    @Order(6)
    @TestSecurity(user = "bo", roles = "candidate")
    void anotherCandidateHasTheSameQuotaAndAnUnsubscribedElectorGetsNoMore() {
        send("Bo writes", "First from Bo.").statusCode(201).body("recipients", equalTo(3));
        String link = unsubscribeLink(ELECTORS.get(1));
        given().get(link.replaceAll("token=[^&]+", "token=forged")).then().statusCode(403);
        given().get(link).then().statusCode(200).body("unsubscribed", equalTo(true));
        given().get(link).then().statusCode(200);
        send("Bo again", "Second from Bo.").statusCode(201).body("recipients", equalTo(2));
        MailEvents.awaitMail(ELECTORS.get(0), 4);
        assertFalse(MailEvents.messagesTo(ELECTORS.get(1)).stream()
                .anyMatch(m -> MailEvents.subject(m).equals("Bo again")), "the unsubscribed elector gets no more");
    }

    @Test
    @Order(7)
    void everyMailingSentIsOnTheAuditLogWithItsSenderAndNoRecipient() {
        List<String> entries = new java.util.ArrayList<>();
        pool.preparedQuery("select details from audit_entry where selection_id = $1 order by seq")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(SELECTION)).await().indefinitely()
                .forEach(row -> entries.add(row.getString(0)));
        assertEquals(4, entries.size(), "Ada's two, Bo's two; the refused ones are not there");
        assertTrue(entries.stream().allMatch(e -> e.contains("\"action\":\"mailing.send\"")), entries.toString());
        assertTrue(entries.get(1).contains("\"username\":\"ada-agent\"") && entries.get(1).contains("Ada, again"));
        assertTrue(entries.stream().noneMatch(e -> ELECTORS.stream().anyMatch(e::contains)), "no elector's address");
    }

    @Test
    @Order(7)
    @TestSecurity(user = "cy", roles = "candidate")
    void aWithdrawnCandidateSendsNothing() {
        send("Still here", "No.").statusCode(409).body("type", containsString("candidate-withdrawn"));
    }

    @Test
    @Order(8)
    @TestSecurity(user = "bo", roles = "candidate")
    void everyCandidateSeesEveryMailingButNoContactDetails() {
        String list = given().get(path()).then().statusCode(200).body("", hasSize(4))
                .body("candidate", equalTo(List.of("Ada Lovelace", "Ada Lovelace", "Bo Diddley", "Bo Diddley")))
                .body("recipients", equalTo(List.of(3, 3, 3, 2))).extract().asString();
        assertFalse(list.contains("example.org") || list.contains("E-1"), list);
    }

    @Test
    @Order(9)
    @TestSecurity(user = "sue", roles = "scrutineer")
    @OidcSecurity(claims = @Claim(key = "regions", value = REGION))
    void aScrutineerInTheAreaSeesTheSameList() {
        given().get(path()).then().statusCode(200).body("", hasSize(4)).body("sentBy[1]", equalTo("ada-agent"));
    }

    @Test
    @Order(10)
    @TestSecurity(user = "sam", roles = "scrutineer")
    @OidcSecurity(claims = @Claim(key = "regions", value = "R-ELSEWHERE"))
    void aScrutineerElsewhereDoesNot() {
        given().get(path()).then().statusCode(404);
    }

    private static io.restassured.response.ValidatableResponse send(String subject, String body) {
        return given().contentType(ContentType.JSON).body(Map.of("subject", subject, "body", body)).post(path()).then();
    }

    private static String unsubscribeLink(String elector) {
        String body = MailEvents.body(MailEvents.awaitMail(elector, 1).get(0));
        Matcher m = UNSUBSCRIBE.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    private static String header(MimeMessage mail, String name) {
        try {
            return mail.getHeader(name, ",");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        return pool.preparedQuery(sql).execute(Tuple.of(SELECTION)).await().indefinitely().iterator().next().getLong(0);
    }

    private static String path() {
        return "/api/notifications/selections/" + SELECTION + "/mailings";
    }
}
