package org.selectorate.notification.member;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher's outcomes, written a round at a time: sent and erased, retried later, or failed and erased; a
 * settled row keeps the day it was sent and no finer time.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class MailDispatchTest {
    @Inject
    Pool pool;

    @Test
    void eachMailOfARoundGetsItsOwnOutcome() {
        String ballot = "b-" + UUID.randomUUID();
        String email = "ok-" + ballot + "@example.org";
        long sent = queue(ballot, email, 0);
        // An address the mail client refuses: the send fails without reaching the server.
        long retried = queue(ballot, "no address at all", 0);
        long failed = queue(ballot, "no address at all", 7);

        await().atMost(Duration.ofSeconds(30)).until(() -> row(sent).getInteger("attempts") == 1
                && row(retried).getInteger("attempts") == 1 && row(failed).getInteger("attempts") == 8);

        Row ok = row(sent);
        assertEquals(MemberAlert.SENT, ok.getString("status"));
        assertNull(ok.getString("body"), "the body is erased once the server has the mail");
        assertEquals(LocalDate.now(ZoneOffset.UTC), ok.getLocalDate("sent_on"), "the day it was sent, no finer");
        assertNull(ok.getOffsetDateTime("created_at"), "a sent mail keeps no time finer than the day");
        assertNull(ok.getOffsetDateTime("next_attempt_at"));
        assertEquals(1, MailEvents.messagesTo(email).size());

        Row again = row(retried);
        assertEquals(MemberAlert.PENDING, again.getString("status"));
        assertEquals("body", again.getString("body"), "a mail to retry keeps its body");
        assertNotNull(again.getString("last_error"));
        assertTrue(again.getOffsetDateTime("next_attempt_at").isAfter(again.getOffsetDateTime("created_at")
                .plusSeconds(1)), "the retry waits");

        Row gone = row(failed);
        assertEquals(MemberAlert.FAILED, gone.getString("status"));
        assertNull(gone.getString("body"), "nobody resends a failed mail: its body is erased");
        assertNotNull(gone.getString("last_error"));
        assertNull(gone.getLocalDate("sent_on"));
        assertNull(gone.getOffsetDateTime("created_at"), "a failed mail keeps no time either");
        assertNull(gone.getOffsetDateTime("next_attempt_at"));
    }

    private long queue(String ballot, String recipient, int attempts) {
        return pool.preparedQuery("insert into member_alert (kind, ballot_id, recipient, subject, body, status, attempts, "
                        + "next_attempt_at, created_at) values ('test', $1, $2, 'Subject', 'body', 'pending', $3, now(), now()) "
                        + "returning id")
                .execute(Tuple.of(ballot, recipient, attempts)).await().indefinitely().iterator().next().getLong(0);
    }

    private Row row(long id) {
        return pool.preparedQuery("select * from member_alert where id = $1").execute(Tuple.of(id))
                .await().indefinitely().iterator().next();
    }
}
