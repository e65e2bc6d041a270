package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.result.ResultPublished;
import org.selectorate.support.lane.OwnSession;
import org.selectorate.tally.count.CountDue;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer makes a record final and marks its count due; the counters claim due counts so that a count another
 * lane or replica holds is skipped, not waited for, and two claimers at once count a ballot once.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class CountDueTest {
    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;
    @Inject
    Scheduler scheduler;
    @Inject
    Vertx vertx;
    @Inject
    CountDue counts;

    @Test
    void aDueCountIsClaimedOnceAndOneHeldElsewhereIsSkipped() throws Exception {
        scheduler.pause(CountDue.JOB);
        try {
            TallyPlatform platform = new TallyPlatform(json);
            Ballot ballot = platform.open(List.of("Ann", "Ben"), List.of(), 3);
            FinalBallotTest.awaitKnown(ballot);
            for (String first : List.of("Ann", "Ben", "Ann")) {
                ballot.cast(ballot.voter(), List.of(first)).statusCode(202);
            }
            platform.close(ballot, 3);
            await().atMost(Duration.ofSeconds(60)).until(() -> state(ballot).getBoolean("count_due"));
            assertEquals("closed", state(ballot).getString("status"), "the writer marks the count due, not counted");

            // Another replica's counter holds the ballot: this one passes it by rather than waiting for it.
            SqlConnection elsewhere = pool.getConnection().await().atMost(Duration.ofSeconds(10));
            try {
                Transaction held = elsewhere.begin().await().atMost(Duration.ofSeconds(10));
                elsewhere.preparedQuery("select id from tally_ballot where id = $1 for update")
                        .execute(Tuple.of(ballot.id())).await().atMost(Duration.ofSeconds(10));
                countOnce().await().atMost(Duration.ofSeconds(30));
                assertTrue(state(ballot).getBoolean("count_due"));
                assertEquals("closed", state(ballot).getString("status"));
                held.rollback().await().atMost(Duration.ofSeconds(10));
            } finally {
                elsewhere.close().await().atMost(Duration.ofSeconds(10));
            }

            // Two counters at once (two lanes, or two replicas): one counts, the other finds it taken or counted.
            Uni.join().all(countOnce(), countOnce()).andFailFast().await().atMost(Duration.ofSeconds(60));
            assertEquals("counted", state(ballot).getString("status"));
            assertFalse(state(ballot).getBoolean("count_due"));
            given().get(FinalBallotTest.base(ballot) + "/result").then().statusCode(200);
            JsonNode published = platform.oneResultEvent(ballot, ResultPublished.TYPE);
            assertEquals(3, published.get("votes").asLong());
        } finally {
            scheduler.resume(CountDue.JOB);
        }
    }

    /** One run of the counters' job, on a Vert.x context as the scheduler runs it. */
    private Uni<Void> countOnce() {
        return OwnSession.on(vertx.getOrCreateContext(), counts::countDue);
    }

    private Row state(Ballot ballot) {
        return pool.preparedQuery("select status, count_due from tally_ballot where id = $1")
                .execute(Tuple.of(ballot.id())).await().indefinitely().iterator().next();
    }
}
