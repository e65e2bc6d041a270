package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One event nobody can read is set aside; the events behind it are still applied. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class DeadLetterTest {
    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    @Test
    void anUnreadableEventIsSetAsideAndTheChannelGoesOn() throws Exception {
        // The same key, so the same partition: the ballot's opening queues behind the garbled event.
        String id = "ballot-" + UUID.randomUUID().toString().substring(0, 8);
        String garbled = "{\"ballotId\": \"" + id + "\", \"candidates\": [";
        TallyPlatform.send(Topics.BALLOTS, id, BallotOpened.TYPE, garbled);
        TallyPlatform.Ballot behind = new TallyPlatform(json).open(id, List.of("Ann", "Ben"), List.of(), 7,
                Duration.ofDays(7));
        FinalBallotTest.awaitKnown(behind);

        List<Row> dead = pool.preparedQuery("select type, payload, reason from dead_letter_event where consumer = $1")
                .execute(Tuple.of("tally-service.ballots")).await().indefinitely().stream().toList();
        assertEquals(1, dead.size());
        assertEquals(BallotOpened.TYPE, dead.get(0).getString("type"));
        assertEquals(garbled, dead.get(0).getString("payload"));
        assertTrue(dead.get(0).getString("reason").contains("end-of-input"), dead.get(0).getString("reason"));
    }
}
