package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.tracker.Tracker;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.tally.record.TallyPlatform.Voter;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.MatcherAssert.assertThat;

/**
 * A database connection lost in the middle of a casts batch (as when PostgreSQL restarts) delays the batch: it is
 * applied again, the channel stays up, later batches are applied, and every cast is on the record once.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class CastRetryTest {
    private static final List<String> CANDIDATES = List.of("Ann", "Ben");
    private static final int KILLS = 2;

    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;

    @Test
    void aBatchWhoseConnectionDiesIsAppliedAgainAndTheChannelLivesOn() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(CANDIDATES, List.of(), 11);
        FinalBallotTest.awaitKnown(ballot);
        // The first KILLS attempts to hold this ballot's casts end their own backend, mid-transaction: to the
        // service it is PostgreSQL going away under a batch. The sequence is not transactional, so it counts
        // the attempts the rollbacks undo.
        sql("create sequence kill_" + suffix(ballot));
        sql("create function kill_" + suffix(ballot) + "() returns trigger language plpgsql as $$ begin "
                + "if nextval('kill_" + suffix(ballot) + "') <= " + KILLS + " then "
                + "perform pg_terminate_backend(pg_backend_pid()); end if; return new; end $$");
        sql("create trigger kill_" + suffix(ballot) + " before insert on pending_cast for each row when "
                + "(new.ballot_id = '" + ballot.id() + "') execute function kill_" + suffix(ballot) + "()");
        try {
            List<Voter> voters = new ArrayList<>();
            List<List<String>> votes = List.of(List.of("Ann"), List.of("Ben"), List.of("Ann", "Ben"));
            for (List<String> vote : votes) {
                Voter voter = ballot.voter();
                voters.add(voter);
                ballot.cast(voter, vote).statusCode(202);
            }
            // Held at the third attempt: two attempts died with their connection, and the casts were not lost.
            await().atMost(Duration.ofSeconds(60)).until(() -> held(ballot) == votes.size());
            assertTrue(count("select last_value from kill_" + suffix(ballot), null) > KILLS);
            // A stopped channel would make the instance not live (and restarted): it is live.
            given().get("/q/health/live").then().statusCode(200);

            // The channel lives on: a later batch is applied, and the close drains it and the count follows.
            Voter late = ballot.voter();
            ballot.cast(late, List.of("Ben")).statusCode(202);
            voters.add(late);
            await().atMost(Duration.ofSeconds(30)).until(() -> held(ballot) == votes.size() + 1);
            platform.close(ballot, votes.size() + 1);
            JsonPath result = await().atMost(Duration.ofSeconds(60)).until(
                    () -> given().get(FinalBallotTest.base(ballot) + "/result").then().extract(),
                    r -> r.statusCode() == 200).jsonPath();
            assertEquals(votes.size() + 1, result.getInt("votes"));
            RecordDocument record = RecordCodec.read(given().get(FinalBallotTest.base(ballot) + "/record").then()
                    .statusCode(200).extract().asString());
            List<String> trackers = record.entries().stream().map(RecordEntry::tracker).toList();
            assertEquals(votes.size() + 1, trackers.size());
            assertEquals(trackers.size(), new HashSet<>(trackers).size());
            for (Voter voter : voters) {
                assertThat(trackers, hasItem(Tracker.forToken(ballot.id(), voter.token()).value()));
            }
        } finally {
            sql("drop trigger kill_" + suffix(ballot) + " on pending_cast");
        }
    }

    /** Casts held or already mixed into the record. */
    private long held(Ballot ballot) {
        return count("select (select count(*) from pending_cast where ballot_id = $1) "
                + "+ (select count(*) from record_entry where ballot_id = $1)", ballot);
    }

    private static String suffix(Ballot ballot) {
        return ballot.id().replaceAll("[^a-z0-9]", "_");
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }

    private long count(String query, Ballot ballot) {
        return (ballot == null ? pool.query(query).execute()
                : pool.preparedQuery(query).execute(Tuple.of(ballot.id())))
                .await().indefinitely().iterator().next().getLong(0);
    }
}
