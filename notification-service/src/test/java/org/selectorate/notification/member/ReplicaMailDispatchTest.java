package org.selectorate.notification.member;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas' dispatchers on one queue (here this instance's scheduled job and two more rounds started side by side,
 * each on a Vert.x context of its own, as another replica's job would be): every mail is claimed by one round and
 * reaches the server once.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@WithTestResource(SmtpServer.class)
class ReplicaMailDispatchTest {
    @Inject
    Pool pool;
    @Inject
    MailDispatcher dispatcher;

    @Test
    void claimsOfTwoRoundsAtOnceAreDisjoint() throws Exception {
        String ballot = "claims-" + UUID.randomUUID();
        // One statement, so this instance's own scheduled round is unlikely to take them all before the two below.
        List<Long> queued = new ArrayList<>();
        pool.preparedQuery("insert into member_alert (kind, ballot_id, recipient, subject, body, status, attempts, "
                        + "next_attempt_at, created_at) select 'test', $1, 'claim-' || i || '@example.org', 'Subject', "
                        + "'body', 'pending', 0, now(), now() from generate_series(1, 30) as i returning id")
                .execute(Tuple.of(ballot)).await().indefinitely().forEach(row -> queued.add(row.getLong(0)));
        List<List<Long>> claims = concurrently(List.<Callable<List<Long>>>of(() -> onOwnContext(dispatcher::claim),
                () -> onOwnContext(dispatcher::claim)));
        Set<Long> first = ours(claims.get(0), queued);
        Set<Long> second = ours(claims.get(1), queued);
        assertTrue(first.stream().noneMatch(second::contains), "a mail claimed by both rounds: " + first + " " + second);
        Set<Long> claimed = new HashSet<>(first);
        claimed.addAll(second);
        assertTrue(!claimed.isEmpty(), "the rounds claimed none of the mails");
        assertEquals(0, count("select count(*) from member_alert where id = any($1) and next_attempt_at <= now()",
                (Object) claimed.toArray(Long[]::new)), "a claimed mail is not due to any other round until its lease ends");
        pool.preparedQuery("delete from member_alert where ballot_id = $1").execute(Tuple.of(ballot))
                .await().indefinitely();
    }

    @Test
    void racingRoundsSendEachMailOnce() throws Exception {
        String ballot = "race-" + UUID.randomUUID();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String recipient = "race-" + i + "-" + ballot + "@example.org";
            recipients.add(recipient);
            queue(ballot, recipient);
        }
        concurrently(List.<Callable<Void>>of(() -> onOwnContext(dispatcher::dispatch),
                () -> onOwnContext(dispatcher::dispatch)));

        await().atMost(Duration.ofSeconds(20)).until(() -> pending(ballot) == 0);
        // A second copy would be sent in the same rounds as the first: give the server a moment to have it.
        Thread.sleep(1_000);
        for (String recipient : recipients) {
            assertEquals(1, MailEvents.messagesTo(recipient).size(), recipient + " was sent a number of copies");
        }
    }

    private long queue(String ballot, String recipient) {
        return pool.preparedQuery("insert into member_alert (kind, ballot_id, recipient, subject, body, status, attempts, "
                        + "next_attempt_at, created_at) values ('test', $1, $2, 'Subject', 'body', 'pending', 0, now(), now()) "
                        + "returning id")
                .execute(Tuple.of(ballot, recipient)).await().indefinitely().iterator().next().getLong(0);
    }

    private long pending(String ballot) {
        return count("select count(*) from member_alert where ballot_id = $1 and status = 'pending'", ballot);
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    private static Set<Long> ours(List<Long> claimed, List<Long> queued) {
        Set<Long> out = new HashSet<>(claimed);
        out.retainAll(queued);
        return out;
    }

    private static <T> T onOwnContext(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> job) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(job::get);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static <T> List<T> concurrently(List<Callable<T>> jobs) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(jobs.size());
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : threads.invokeAll(jobs)) {
                out.add(f.get());
            }
            return out;
        } finally {
            threads.shutdown();
        }
    }
}
