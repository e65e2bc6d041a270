package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.tally.record.TallyPlatform.Ballot;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class ProgressTest {
    @Inject
    ObjectMapper json;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void hqSeesHowManyEntriesAreRecordedAndNothingElse() throws Exception {
        Ballot ballot = new TallyPlatform(json).open(List.of("Ann", "Ben"), List.of(), 7);
        FinalBallotTest.awaitKnown(ballot);
        given().get("/api/tally/ballots/" + ballot.id() + "/progress").then().statusCode(200)
                .body("entries", equalTo(0)).body("status", equalTo("open"));
        ballot.cast(ballot.voter(), List.of("Ann")).statusCode(202);
        ballot.cast(ballot.voter(), List.of("Ben", "Ann")).statusCode(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/tally/ballots/" + ballot.id() + "/progress").then().statusCode(200)
                        .body("entries", equalTo(2)));
        given().get("/api/tally/ballots/no-such-ballot/progress").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "agent", roles = "candidate")
    void aCandidateElsewhereCannotSeeTheBallot() throws Exception {
        Ballot ballot = new TallyPlatform(json).open(List.of("Ann", "Ben"), List.of(), 7);
        FinalBallotTest.awaitKnown(ballot);
        given().get("/api/tally/ballots/" + ballot.id() + "/progress").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "member", roles = "member")
    void aMemberCannotAskForProgress() {
        given().get("/api/tally/ballots/any/progress").then().statusCode(403);
    }
}
