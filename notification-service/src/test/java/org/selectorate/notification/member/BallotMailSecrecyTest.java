package org.selectorate.notification.member;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.AccessCodeIssued;
import org.selectorate.contracts.ballot.CredentialIssued;
import org.selectorate.testkit.EmbeddedPlatform;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What member mail leaves behind: an access code is stored only sealed and opened only into the mail; "a ballot was
 * issued in your name" names the day only and leaves no row once sent.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class BallotMailSecrecyTest {
    private static final String SYMBOLS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern TIME_OF_DAY = Pattern.compile("\\d{1,2}:\\d{2}");

    @Inject
    Pool pool;

    @Test
    void theAccessCodeIsStoredSealedAndOpenedOnlyIntoTheMail() {
        String ballot = "b-" + UUID.randomUUID();
        String code = freshCode();
        String email = "sealed-" + UUID.randomUUID() + "@example.org";
        // First to another address than the code was sealed for, as if the ciphertext had been moved to another
        // member's mail: it does not open there, so the row waits for its retry and can be read.
        MailEvents.send(Topics.CREDENTIALS, ballot, AccessCodeIssued.TYPE, new AccessCodeIssued(ballot,
                "Final ballot, 100% turnout", "someone-else@example.org", "Ada Lovelace",
                MailEvents.sealed(code, ballot, email), Instant.parse("2026-12-01T18:00:00Z")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> alert(ballot) != null && alert(ballot).getInteger("attempts") >= 1);

        Row pending = alert(ballot);
        assertEquals(MemberAlert.PENDING, pending.getString("status"));
        assertTrue(pending.getString("last_error").contains("another ballot or recipient"),
                pending.getString("last_error"));
        assertTrue(MailEvents.messagesTo("someone-else@example.org").stream()
                .noneMatch(m -> MailEvents.body(m).contains(ballot)), "nothing was mailed to the wrong member");
        assertNotNull(pending.getString("sealed_code"), "the code waits sealed");
        assertTrue(pending.getString("body").contains("Ada Lovelace"), pending.getString("body"));
        assertDatabaseHoldsNo(code);

        pool.preparedQuery("update member_alert set recipient = $2, next_attempt_at = now() where ballot_id = $1")
                .execute(Tuple.of(ballot, email)).await().indefinitely();
        MimeMessage mail = MailEvents.awaitMail(email, 1).get(0);
        String body = MailEvents.body(mail);
        assertTrue(body.contains("Your one-time access code: " + code), body);
        assertTrue(body.contains("Final ballot, 100% turnout"), body);
        assertTrue(body.contains("Dear Ada Lovelace"), body);

        await().atMost(Duration.ofSeconds(10)).until(() -> MemberAlert.SENT.equals(alert(ballot).getString("status")));
        Row sent = alert(ballot);
        assertNull(sent.getString("sealed_code"), "the sealed code is erased once the mail is sent");
        assertNull(sent.getString("body"));
        assertNull(sent.getOffsetDateTime("created_at"), "the proof that the elector was mailed keeps the day only");
        assertEquals(LocalDate.now(ZoneOffset.UTC), sent.getLocalDate("sent_on"));
        assertDatabaseHoldsNo(code);
    }

    @Test
    void aCredentialIssuedAlertNamesTheDayOnlyAndIsForgottenOnceSent() {
        String ballot = "b-" + UUID.randomUUID();
        String email = "issued-" + UUID.randomUUID() + "@example.org";
        MailEvents.send(Topics.CREDENTIALS, ballot, CredentialIssued.TYPE,
                new CredentialIssued(ballot, "Final ballot", email, "online", LocalDate.of(2026, 11, 20)));
        String body = MailEvents.body(MailEvents.awaitMail(email, 1).get(0));
        assertTrue(body.contains("was issued in your name on 20 November 2026 (channel: online)"), body);
        assertFalse(TIME_OF_DAY.matcher(body).find(), "no time of day: " + body);

        await().atMost(Duration.ofSeconds(10)).until(() -> alert(ballot) == null);
    }

    private Row alert(String ballot) {
        var rows = pool.preparedQuery("select * from member_alert where ballot_id = $1").execute(Tuple.of(ballot))
                .await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    /** Every row of every table of the service, as text: the code appears nowhere, with or without its hyphens. */
    private void assertDatabaseHoldsNo(String code) {
        List<String> tables = new ArrayList<>();
        pool.query("select table_name from information_schema.tables where table_schema = 'public' "
                        + "and table_type = 'BASE TABLE'").execute().await().indefinitely()
                .forEach(r -> tables.add(r.getString(0)));
        assertTrue(tables.contains("member_alert"), tables.toString());
        String bare = code.replace("-", "");
        for (String table : tables) {
            String all = pool.query("select coalesce(string_agg(t::text, ' '), '') from \"" + table + "\" t").execute()
                    .await().indefinitely().iterator().next().getString(0);
            assertFalse(all.contains(code) || all.replace("-", "").contains(bare), "table " + table + " holds the code");
        }
    }

    private static String freshCode() {
        SecureRandom random = new SecureRandom();
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(SYMBOLS.charAt(random.nextInt(SYMBOLS.length())));
        }
        return code.toString();
    }
}
