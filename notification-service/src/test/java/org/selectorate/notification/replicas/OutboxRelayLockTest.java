package org.selectorate.notification.replicas;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.support.lock.AdvisoryLock;
import org.selectorate.support.outbox.OutboxRelay;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox relay runs on one replica at a time: while another transaction (another replica's relay) holds the
 * relay's advisory lock, this instance's relay sends nothing; once it is released, the event goes.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class OutboxRelayLockTest {
    @Inject
    Pool pool;

    @Test
    void theRelayWaitsItsTurnWhileAnotherReplicaRelays() {
        SqlConnection other = pool.getConnection().await().indefinitely();
        try {
            Transaction relaying = other.begin().await().indefinitely();
            assertTrue(AdvisoryLock.tryExclusive(other, OutboxRelay.LOCK).await().indefinitely(),
                    "the other replica takes the relay's lock");
            assertFalse(pool.withTransaction(c -> AdvisoryLock.tryExclusive(c, OutboxRelay.LOCK))
                    .await().indefinitely(), "a second relay does not get it, nor waits for it");

            UUID event = UUID.randomUUID();
            pool.preparedQuery("insert into outbox_event (event_id, topic, event_key, type, payload, created_at) "
                            + "values ($1, $2, 'relay-lock-test', 'test.relay-lock', '{}', now())")
                    .execute(Tuple.of(event, Topics.NOTICES)).await().indefinitely();
            // The relay polls every second: three turns pass with the event still waiting.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> waiting(event));

            relaying.commit().await().indefinitely();
            await().atMost(Duration.ofSeconds(10)).until(() -> !waiting(event));
        } finally {
            other.close().await().indefinitely();
        }
    }

    private boolean waiting(UUID event) {
        return pool.preparedQuery("select count(*) from outbox_event where event_id = $1").execute(Tuple.of(event))
                .await().indefinitely().iterator().next().getLong(0) == 1;
    }
}
