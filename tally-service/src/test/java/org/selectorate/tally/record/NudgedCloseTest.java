package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A close reaches the count through nudges, not polls: with the outbox relay's poll and the count's tick an hour
 * apart (both ran once, at start-up), the close's marker still goes to the writer once the close commits, and the
 * count follows the final head at once.
 */
@QuarkusTest
@TestProfile(NudgedCloseTest.HourlyPolls.class)
@WithTestResource(EmbeddedPlatform.class)
class NudgedCloseTest {
    public static class HourlyPolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("selectorate.outbox.poll", "1h", "selectorate.tally.count-every", "1h");
        }
    }

    @Inject
    ObjectMapper json;

    @Test
    void aClosedBallotIsCountedWithoutWaitingForAPoll() throws Exception {
        TallyPlatform platform = new TallyPlatform(json);
        Ballot ballot = platform.open(List.of("Ann", "Ben"), List.of(), 5);
        FinalBallotTest.awaitKnown(ballot);
        for (String first : List.of("Ann", "Ben", "Ann")) {
            ballot.cast(ballot.voter(), List.of(first)).statusCode(202);
        }
        platform.close(ballot, 3);

        JsonPath result = await().atMost(Duration.ofSeconds(30)).until(
                () -> given().get(FinalBallotTest.base(ballot) + "/result").then().extract(),
                r -> r.statusCode() == 200).jsonPath();
        assertEquals(3, result.getInt("votes"));
        assertEquals(List.of("Ann"), result.getList("elected"));
    }
}
