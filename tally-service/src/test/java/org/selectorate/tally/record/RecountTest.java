package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.result.RecountCompleted;
import org.selectorate.contracts.result.RecountOrdered;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recount ordered on appeal: the stored record counted again as the published count was, shown beside it, and
 * {@link RecountCompleted} sent once however often the order is delivered.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class RecountTest {
    private static final List<String> CANDIDATES = List.of("Ada Lovelace", "Bo Diddley", "Cy Twombly");

    @Inject
    ObjectMapper json;
    @Inject
    Pool pool;

    @Test
    void aRecountOfTheRecordEqualsThePublishedCountStageForStageAndIsAnnouncedOnce() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(CANDIDATES, List.of(), 7);
        FinalBallotTest.awaitKnown(ballot);
        List<List<String>> votes = List.of(List.of("Ada Lovelace", "Cy Twombly"), List.of("Ada Lovelace"),
                List.of("Bo Diddley", "Cy Twombly"), List.of("Bo Diddley"), List.of("Cy Twombly", "Bo Diddley"));
        for (List<String> vote : votes) {
            ballot.cast(ballot.voter(), vote).statusCode(202);
        }
        given().get(FinalBallotTest.base(ballot) + "/recounts").then().statusCode(409);
        platform.close(ballot, votes.size());
        JsonPath result = await().atMost(Duration.ofSeconds(60)).until(
                () -> given().get(FinalBallotTest.base(ballot) + "/result").then().extract(),
                r -> r.statusCode() == 200).jsonPath();
        given().get(FinalBallotTest.base(ballot) + "/recounts").then().statusCode(200)
                .body("recounts.size()", org.hamcrest.Matchers.equalTo(0));

        String appeal = UUID.randomUUID().toString();
        String order = json.writeValueAsString(new RecountOrdered(ballot.id(), "selection-" + ballot.id(), appeal));
        String eventId = UUID.randomUUID().toString();
        TallyPlatform.send(Topics.RESULTS, ballot.id(), RecountOrdered.TYPE, order, eventId);
        JsonPath recounts = await().atMost(Duration.ofSeconds(60)).until(
                () -> given().get(FinalBallotTest.base(ballot) + "/recounts").then().statusCode(200).extract()
                        .jsonPath(), r -> r.getList("recounts").size() == 1);
        assertTrue(recounts.getBoolean("recounts[0].sameResult"));
        assertEquals(List.of(), recounts.getList("recounts[0].differences"));
        assertEquals(appeal, recounts.getString("recounts[0].appealId"));
        assertEquals(result.getList("elected"), recounts.getList("recounts[0].recount.elected"));
        assertEquals(result.getList("stages"), recounts.getList("recounts[0].recount.stages"));
        assertEquals(result.getList("stages"), recounts.getList("recounts[0].original.stages"));
        assertEquals(votes.size(), recounts.getInt("recounts[0].recount.votes"));
        assertFalse(result.getList("stages").isEmpty());

        // Delivered again (same event), and ordered again for the same appeal under a new event: one recount.
        TallyPlatform.send(Topics.RESULTS, ballot.id(), RecountOrdered.TYPE, order, eventId);
        String again = UUID.randomUUID().toString();
        TallyPlatform.send(Topics.RESULTS, ballot.id(), RecountOrdered.TYPE, order, again);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(again));
        JsonNode completed = platform.oneResultEvent(ballot, RecountCompleted.TYPE);
        assertEquals(appeal, completed.get("appealId").asText());
        assertTrue(completed.get("sameResult").asBoolean());
        assertEquals(result.getList("elected").get(0), completed.get("elected").get(0).asText());
        assertEquals("selection-" + ballot.id(), completed.get("selectionId").asText());
        given().get(FinalBallotTest.base(ballot) + "/recounts").then().statusCode(200)
                .body("recounts.size()", org.hamcrest.Matchers.equalTo(1));
        given().get("/api/tally/public/ballots/no-such-ballot/recounts").then().statusCode(404);
    }

    private boolean applied(String eventId) {
        return pool.preparedQuery("select count(*) from inbox_event where event_id = $1")
                .execute(Tuple.of(eventId)).await().indefinitely().iterator().next().getLong(0) > 0;
    }

}
