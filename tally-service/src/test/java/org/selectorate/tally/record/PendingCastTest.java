package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.cast.CastSubmitted;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.tracker.Tracker;
import org.selectorate.tally.cast.CastSeal;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.tally.record.TallyPlatform.Voter;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Held casts (min-batch 3, max-wait 2 s in tests): a cast delivered again is held once; a lone cast waits. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class PendingCastTest {
    private static final List<String> CANDIDATES = List.of("Ann", "Ben");

    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;
    @Inject
    CastSeal seal;

    @Test
    void aCastDeliveredAgainIsOnTheRecordOnce() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(CANDIDATES, List.of(), 3);
        FinalBallotTest.awaitKnown(ballot);
        Voter voter = ballot.voter();
        CastSubmitted submitted = new CastSubmitted(ballot.id(), voter.token().encoded(),
                voter.credential().prefix(), voter.credential().signature(), List.of("Ann"));
        String cast = seal.forTopic(submitted, CANDIDATES);
        // A redelivery (the same event twice) and a resend (the same cast as a new event, sealed afresh: only the
        // token's keyed hash tells it is the same), while it is held.
        String id = UUID.randomUUID().toString();
        TallyPlatform.send(Topics.CASTS, ballot.id(), CastSubmitted.TYPE, cast, id);
        TallyPlatform.send(Topics.CASTS, ballot.id(), CastSubmitted.TYPE, cast, id);
        TallyPlatform.send(Topics.CASTS, ballot.id(), CastSubmitted.TYPE, seal.forTopic(submitted, CANDIDATES));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("pending_cast", ballot) == 1);
        ballot.cast(voter, List.of("Ben")).statusCode(409).body("type", containsString("credential-used"));

        ballot.cast(ballot.voter(), List.of("Ben")).statusCode(202);
        ballot.cast(ballot.voter(), List.of("Ann", "Ben")).statusCode(202);
        String tracker = Tracker.forToken(ballot.id(), voter.token()).value();
        FinalBallotTest.awaitEntry(ballot, tracker);
        // Delivered once more after it is on the record.
        TallyPlatform.send(Topics.CASTS, ballot.id(), CastSubmitted.TYPE, cast, id);

        platform.close(ballot, 3);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get(FinalBallotTest.base(ballot) + "/result").then().statusCode(200));
        RecordDocument record = RecordCodec.read(given().get(FinalBallotTest.base(ballot) + "/record").then()
                .statusCode(200).extract().asString());
        assertEquals(3, record.entries().size());
        assertEquals(1, record.entries().stream().map(RecordEntry::tracker).filter(tracker::equals).count());
        assertEquals(0, count("pending_cast", ballot));
    }

    @Test
    void aLoneCastWaitsForASecondOrTheClose() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(CANDIDATES, List.of(), 5);
        FinalBallotTest.awaitKnown(ballot);
        ballot.cast(ballot.voter(), List.of("Ann")).statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("pending_cast", ballot) == 1);
        // Three times the longest wait: one cast alone would be a batch that hides nobody.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() ->
                count("pending_cast", ballot) == 1 && count("record_entry", ballot) == 0);

        ballot.cast(ballot.voter(), List.of("Ben")).statusCode(202);
        // Two held: mixed once the first has waited max-wait, well before min-batch.
        await().atMost(Duration.ofSeconds(30)).until(() -> count("record_entry", ballot) == 2);
        assertEquals(0, count("pending_cast", ballot));
        assertEquals(1, count("tree_head", ballot));
    }

    private long count(String table, Ballot ballot) {
        return pool.preparedQuery("select count(*) from " + table + " where ballot_id = $1")
                .execute(Tuple.of(ballot.id())).await().indefinitely().iterator().next().getLong(0);
    }
}
