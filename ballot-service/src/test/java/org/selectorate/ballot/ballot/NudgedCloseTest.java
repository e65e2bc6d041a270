package org.selectorate.ballot.ballot;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.selectorate.ballot.FinalBallots.ballot;
import static org.selectorate.ballot.FinalBallots.electors;
import static org.selectorate.ballot.FinalBallots.roll;
import static org.selectorate.ballot.FinalBallots.selection;

/**
 * The timetable's close nudges the outbox relay: with the relay's poll an hour apart (it ran once, at start-up), the
 * ballot's {@link BallotClosed} still reaches Kafka as soon as the close commits, which tally-service waits for.
 */
@QuarkusTest
@TestProfile(NudgedCloseTest.HourlyRelay.class)
@WithTestResource(EmbeddedPlatform.class)
@TestSecurity(user = "hq", roles = "hq-admin")
class NudgedCloseTest {
    public static class HourlyRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("selectorate.outbox.poll", "1h");
        }
    }

    @Test
    void theClosesEventGoesOutWithoutWaitingForThePoll() {
        String selection = selection("Ada", "Mary");
        roll(selection, electors(2));
        String ballot = ballot(selection, Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS));
        given().post("/api/ballots/ballots/" + ballot + "/open").then().statusCode(200).body("status", equalTo("open"));

        // awaitEvents gives it 30 s: the poll would take an hour
        BallotClosed closed = TestEvents.read(TestEvents.awaitEvents(Topics.BALLOTS, ballot, BallotClosed.TYPE, 1)
                .get(0), BallotClosed.class);
        assertEquals(ballot, closed.ballotId());
        given().get("/api/ballots/ballots/" + ballot).then().body("closedBy", equalTo("timetable"));
    }
}
