package org.selectorate.ballot.ballot;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selectorate.ballot.FinalBallots.accessCodes;
import static org.selectorate.ballot.FinalBallots.ballot;
import static org.selectorate.ballot.FinalBallots.electors;
import static org.selectorate.ballot.FinalBallots.publicKey;
import static org.selectorate.ballot.FinalBallots.redeem;
import static org.selectorate.ballot.FinalBallots.roll;
import static org.selectorate.ballot.FinalBallots.selection;

/** A ballot closes by itself at its closesAt, once, whoever else tries to close it at the same moment. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
@TestSecurity(user = "hq", roles = "hq-admin")
class BallotClosingTimeTest {
    @Inject
    BallotService ballots;
    @Inject
    Pool pool;

    @Test
    void aBallotClosesByItselfAtItsClosingTimeAndOneStillAheadStaysOpen() {
        String later = openBallot(Duration.ofDays(1), 1).id();
        // Long enough to open, receive the codes and redeem one; the job then closes it within seconds.
        Opened opened = openBallot(Duration.ofSeconds(15), 3);
        String ballot = opened.id();
        Instant closesAt = opened.closesAt();
        Iterator<String> codes = accessCodes(ballot, 3).values().iterator();
        BlindVerificationKey key = publicKey(ballot);
        redeem(ballot, codes.next(), key).statusCode(200);

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().get("/api/ballots/ballots/" + ballot)
                .then().statusCode(200).body("status", equalTo("closed")).body("closedBy", equalTo("timetable")));
        Instant closedAt = Instant.parse(given().get("/api/ballots/ballots/" + ballot).then()
                .extract().<String>path("closedAt"));
        assertFalse(closedAt.isBefore(closesAt), closedAt + " is before " + closesAt);

        BallotClosed closed = TestEvents.read(exactlyOneBallotClosed(ballot), BallotClosed.class);
        assertEquals(closedAt, closed.closedAt());
        assertEquals(1L, closed.markedRegister().get("online"));
        assertEquals(0L, closed.markedRegister().get("postal"));
        String selection = given().get("/api/ballots/ballots/" + ballot).then().extract().path("selectionId");
        assertTrue(TestEvents.awaitEvents(Topics.BALLOTS, selection, TimetableEvent.TYPE, 3).stream()
                .map(r -> TestEvents.read(r, TimetableEvent.class))
                .anyMatch(e -> TimetableEvent.BALLOT_CLOSED.equals(e.kind()) && ballot.equals(e.ballotId())));

        // The sweep follows once the tick's closes are done: the codes' hashes gone, the register written anew.
        await().atMost(Duration.ofSeconds(20)).until(() -> !state(ballot).getBoolean("sweep_due"));
        assertEquals(0L, state(ballot).getLong("codes"));
        assertEquals(1L, state(ballot).getLong("marks"));

        redeem(ballot, codes.next(), key).statusCode(409).body("type", containsString("ballot-closed"));
        given().contentType(ContentType.JSON).body("{}").post("/api/ballots/ballots/" + ballot + "/close").then()
                .statusCode(409)
                .body("type", containsString("ballot-not-open")).body("detail", equalTo("the ballot is closed"));

        given().get("/api/ballots/ballots/" + later).then().statusCode(200)
                .body("status", equalTo("open")).body("closedBy", nullValue());
    }

    /** Admins and two replicas' jobs close at the same moment: one of them closes it, the rest find it closed. */
    @Test
    void racingClosesSendOneBallotClosed() throws Exception {
        Opened opened = openBallot(Duration.ofSeconds(8), 1);
        String ballot = opened.id();
        UUID id = UUID.fromString(ballot);
        await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(opened.closesAt()));

        List<Callable<Boolean>> closes = Stream.concat(
                IntStream.range(0, 4).mapToObj(i -> (Callable<Boolean>) () -> given()
                        .contentType(ContentType.JSON).body("{}").post("/api/ballots/ballots/" + ballot + "/close").then().extract().statusCode() == 200),
                IntStream.range(0, 4).mapToObj(i -> (Callable<Boolean>) () -> timetableClose(id))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(closes.size());
        long won;
        try {
            won = pool.invokeAll(closes).stream().filter(f -> get(f)).count();
        } finally {
            pool.shutdown();
        }
        // None if the scheduled job got there first.
        assertTrue(won <= 1, won + " closes succeeded");
        given().get("/api/ballots/ballots/" + ballot).then().body("status", equalTo("closed"));
        exactlyOneBallotClosed(ballot);
    }

    private record Opened(String id, Instant closesAt) {
    }

    private Row state(String ballot) {
        return pool.preparedQuery("select sweep_due, (select count(*) from access_code where ballot_id = $1) as codes, "
                        + "(select count(*) from marked_register where ballot_id = $1) as marks from ballot where id = $1")
                .execute(Tuple.of(UUID.fromString(ballot))).await().indefinitely().iterator().next();
    }

    /** Opens a ballot of a fresh selection with {@code electors} electors, closing {@code closesIn} from opening. */
    private static Opened openBallot(Duration closesIn, int electors) {
        String selection = selection("Ada", "Mary");
        roll(selection, electors(electors));
        Instant closesAt = Instant.now().plus(closesIn).truncatedTo(ChronoUnit.SECONDS);
        String ballot = ballot(selection, closesAt);
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200).body("status", equalTo("open"));
        return new Opened(ballot, closesAt);
    }

    /** Waits until BallotClosed is on the topic, then for a while longer to see that no second one follows. */
    private static ConsumerRecord<String, String> exactlyOneBallotClosed(String ballot) {
        await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> TestEvents.allEvents(Topics.BALLOTS, ballot, BallotClosed.TYPE).size() == 1);
        return TestEvents.allEvents(Topics.BALLOTS, ballot, BallotClosed.TYPE).get(0);
    }

    /** As the scheduled job of one replica would, on a Vert.x context of its own. */
    private boolean timetableClose(UUID id) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> ballots.closeAtClosingTime(id));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static boolean get(Future<Boolean> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new AssertionError("a close failed", e);
        }
    }
}
