package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.tally.cast.CastFence;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A ballot closes only behind the casts already accepted, so no voter answered 202 is left off the record. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class CastFenceTest {
    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void closingWaitsForTheCastsInFlightAndHoldsBackTheRest() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(List.of("Ann", "Ben"), List.of(), 7);
        FinalBallotTest.awaitKnown(ballot);
        ballot.cast(ballot.voter(), List.of("Ann")).statusCode(202);

        // A cast in flight, as the cast endpoint holds the fence between reading "open" and the broker's ack.
        SqlConnection inFlight = pool.getConnection().await().indefinitely();
        Transaction transaction = inFlight.begin().await().indefinitely();
        CastFence.shared(inFlight, ballot.id()).await().indefinitely();
        CompletableFuture<Integer> late;
        try {
            platform.close(ballot, 2);
            // The close waits behind the cast in flight...
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForTheFence() == 1);
            // ...and a cast that comes after waits behind the close.
            late = CompletableFuture.supplyAsync(() -> ballot.cast(ballot.voter(), List.of("Ben")).extract().statusCode());
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForTheFence() == 2);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !late.isDone()
                    && "open".equals(progress(ballot).getString("status")));
        } finally {
            transaction.rollback().await().indefinitely();
            inFlight.close().await().indefinitely();
        }

        assertEquals(409, late.get(30, TimeUnit.SECONDS), "a cast after the close is refused, not accepted and lost");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/tally/ballots/" + ballot.id() + "/progress").then().statusCode(200)
                        .body("status", equalTo("counted")).body("entries", equalTo(1)));
    }

    @Test
    void aCastAfterTheClosingTimeIsRefusedBeforeTheCloseArrives() throws Exception {
        Ballot ballot = new TallyPlatform(json).open(List.of("Ann", "Ben"), List.of(), 7, Duration.ofSeconds(3));
        FinalBallotTest.awaitKnown(ballot);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> ballot.cast(ballot.voter(), List.of("Ann"))
                .statusCode(409).body("type", org.hamcrest.Matchers.endsWith("/ballot-closed")));
    }

    private long waitingForTheFence() {
        return pool.query("select count(*) from pg_locks where locktype = 'advisory' and not granted").execute()
                .await().indefinitely().iterator().next().getLong(0);
    }

    private static io.restassured.path.json.JsonPath progress(Ballot ballot) {
        return given().get("/api/tally/ballots/" + ballot.id() + "/progress").then().statusCode(200).extract().jsonPath();
    }
}
