package org.selectorate.ballot.ballot;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.FinalBallots;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.organisation.BranchCreated;
import org.selectorate.contracts.result.MeetingVoteCounted;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.counting.tie.TieBreak;
import org.selectorate.counting.tie.TieBreaker;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Meeting votes decide things: tally-service's count at a vote's close ({@link MeetingVoteCounted}, played here as
 * tally-service would send it) becomes the branch's trigger vote, or a round of the meeting's exhaustive ballot.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class MeetingVoteResultTest {
    @Inject
    Pool pool;

    private static final String REGION = "R-meeting-votes";
    private static final Instant STARTS = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void eachBranchMeetingsYesNoVoteIsTheBranchsTriggerVoteAndATieFalls() {
        String c = constituency("W", "E");
        String selection = selection(c, Map.of("steps", "trigger", "meetingQuorum", 1,
                "trigger", Map.of("thresholds", Map.of("branches", "1/2"))), "W", "E");
        String steps = "/api/ballots/selections/" + selection + "/steps/trigger";
        given().contentType(ContentType.JSON).body(Map.of("returnsDeadline", Instant.now().plusSeconds(3600)
                .toString())).post(steps + "/open").then().statusCode(200);

        String west = triggerMeeting(selection, c + "-W");
        String westVote = open(selection, west, yesNo()).statusCode(201).body("vote", equalTo("yes-no"))
                .body("result", nullValue()).extract().path("id");
        close(selection, west, westVote);
        // The branch's trigger vote is taken once.
        open(selection, west, yesNo()).statusCode(409).body("type", endsWith("/meeting-voted"));
        String event = counted(westVote, selection, west, Map.of("Yes", 3L, "No", 1L), 4);
        awaitResult(selection, west, 0).body("[0].result.outcome", equalTo("yes"))
                .body("[0].result.totals.Yes", equalTo(3)).body("[0].result.totals.No", equalTo(1))
                .body("[0].result.votes", equalTo(4)).body("[0].result.round", equalTo(1))
                .body("[0].result.explanation", containsString("Yes 3, No 1"));
        // A redelivered count changes nothing, nor does a second count of the same vote under another event id.
        TestEvents.send(Topics.RESULTS, westVote, MeetingVoteCounted.TYPE, new MeetingVoteCounted(westVote,
                selection, west, Map.of("Yes", 0L, "No", 4L), 4), event);
        String again = counted(westVote, selection, west, Map.of("Yes", 0L, "No", 4L), 4);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(again));
        votes(selection, west).body("$", hasSize(1)).body("[0].result.outcome", equalTo("yes"))
                .body("[0].result.totals.Yes", equalTo(3));
        String east = triggerMeeting(selection, c + "-E");
        String eastVote = open(selection, east, yesNo()).statusCode(201).extract().path("id");
        close(selection, east, eastVote);
        counted(eastVote, selection, east, Map.of("Yes", 2L, "No", 2L), 4);
        awaitResult(selection, east, 0).body("[0].result.outcome", equalTo("no"))
                .body("[0].result.explanation", containsString("a tied motion falls"));
        votes(selection, west).body("[0].result.outcome", equalTo("yes"));

        // West for a contest, East against: one of the two branches that voted reaches the half.
        given().post(steps + "/close").then().statusCode(200).body("outcome.triggered", equalTo(true));
        given().get(steps).then().statusCode(200)
                .body("outcome.units.find { it.unit == '" + c + "-W' }.vote", equalTo("yes"))
                .body("outcome.units.find { it.unit == '" + c + "-W' }.ballots", equalTo(List.of(westVote)))
                .body("outcome.units.find { it.unit == '" + c + "-E' }.vote", equalTo("no"))
                .body("outcome.units.find { it.unit == '" + c + "-E' }.ballots", equalTo(List.of(eastVote)))
                .body("outcome.colleges.find { it.college == 'branches' }.forContest", equalTo(List.of(c + "-W")));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aTiedVoteUnderALotIsDrawnFromTheRulebooksSeedAndDecidesTheTrigger() {
        String c = constituency("N");
        long seed = 20_260_503L;
        String selection = selection(c, Map.of("steps", "trigger", "meetingQuorum", 1, "seed", seed,
                "meetingTie", "lot", "trigger", Map.of("thresholds", Map.of("branches", "1/2"))), "N");
        given().get("/api/ballots/selections/" + selection).then().statusCode(200)
                .body("rulebook.meetingTie", equalTo("lot"));
        String steps = "/api/ballots/selections/" + selection + "/steps/trigger";
        given().contentType(ContentType.JSON).body(Map.of("returnsDeadline", Instant.now().plusSeconds(3600)
                .toString())).post(steps + "/open").then().statusCode(200);
        String meeting = triggerMeeting(selection, c + "-N");
        String vote = open(selection, meeting, yesNo()).statusCode(201).extract().path("id");
        close(selection, meeting, vote);
        counted(vote, selection, meeting, Map.of("Yes", 1L, "No", 1L), 2);

        // Anyone can draw the lot again: the rulebook's published seed with the ballot's id.
        UUID id = UUID.fromString(vote);
        TieBreaker.Resolution lot = new TieBreaker(TieBreak.random(seed ^ id.getMostSignificantBits()
                ^ id.getLeastSignificantBits()), List.of("Yes", "No")).winner(List.of(0, 1), List.of());
        String drawn = lot.candidate() == 0 ? "yes" : "no";
        awaitResult(selection, meeting, 0).body("[0].result.outcome", equalTo(drawn))
                .body("[0].result.explanation", containsString("decided by lot"));
        given().post(steps + "/close").then().statusCode(200)
                .body("outcome.triggered", equalTo("yes".equals(drawn)));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void anExhaustiveBallotsRoundsFollowTheirCountsAmongTheContinuingCandidates() {
        String c = constituency("X");
        String selection = selection(c, Map.of("meetingQuorum", 1), "X");
        for (String name : List.of("Ada", "Mary", "Grace")) {
            given().contentType(ContentType.JSON).body(Map.of("name", name))
                    .post("/api/ballots/selections/" + selection + "/candidates").then().statusCode(201);
        }
        String meeting = meeting(selection, c + "-X", null);

        open(selection, meeting, round(List.of("Ada"))).statusCode(400)
                .body("errors[0]", containsString("at least two"));
        String first = open(selection, meeting, round(List.of("Ada", "Mary", "Grace"))).statusCode(201)
                .body("vote", equalTo("round")).extract().path("id");
        close(selection, meeting, first);
        // The next round follows the last one's count.
        open(selection, meeting, round(List.of("Ada", "Mary"))).statusCode(409)
                .body("type", endsWith("/round-not-counted"));
        counted(first, selection, meeting, Map.of("Ada", 3L, "Mary", 2L, "Grace", 1L), 6);
        awaitResult(selection, meeting, 0).body("[0].result.round", equalTo(1))
                .body("[0].result.outcome", nullValue()).body("[0].result.eliminated", equalTo("Grace"))
                .body("[0].result.explanation", containsString("Grace has fewest votes and is eliminated"));

        // Round 2 is among exactly the continuing candidates; a wrong paper is refused and nothing opens.
        open(selection, meeting, round(List.of("Ada", "Grace"))).statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasItem(containsString("Mary is continuing")))
                .body("errors", hasItem(containsString("Grace is not a continuing candidate")));
        open(selection, meeting, round(List.of("Ada", "Mary", "Grace"))).statusCode(400);
        votes(selection, meeting).body("$", hasSize(1));

        String second = open(selection, meeting, round(List.of("Mary", "Ada"))).statusCode(201)
                .extract().path("id");
        close(selection, meeting, second);
        counted(second, selection, meeting, Map.of("Ada", 4L, "Mary", 2L), 6);
        awaitResult(selection, meeting, 1).body("[1].result.round", equalTo(2))
                .body("[1].result.outcome", equalTo("Ada")).body("[1].result.eliminated", nullValue())
                .body("[1].result.totals.Ada", equalTo(4));

        // Decided: no further round.
        open(selection, meeting, round(List.of("Ada", "Mary"))).statusCode(409)
                .body("type", endsWith("/ballot-decided")).body("detail", containsString("Ada"));
        votes(selection, meeting).body("$", hasSize(2)).body("id", equalTo(List.of(first, second)));
    }

    /** A constituency with the given branches ({@code c-W} for "W"), known to ballot-service. */
    private static String constituency(String... branches) {
        String c = TestEvents.knownConstituency(REGION);
        List<String> codes = new ArrayList<>();
        for (String b : branches) {
            codes.add(c + "-" + b);
            TestEvents.send(Topics.ORGANISATION, c, BranchCreated.TYPE, new BranchCreated(c + "-" + b, b, c, REGION));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/ballots/constituencies/" + c
                + "/units").then().statusCode(200).body("branches", hasSize(codes.size())));
        return c;
    }

    /** A selection with two electors on the roll in each branch. */
    private static String selection(String c, Map<String, Object> rulebook, String... branches) {
        String selection = given().contentType(ContentType.JSON)
                .body(Map.of("constituency", c, "title", "Meeting votes " + c, "freezeDate", "2026-05-01",
                        "rulebook", rulebook))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
        List<RollEntries.Elector> electors = new ArrayList<>();
        for (String b : branches) {
            for (int i = 1; i <= 2; i++) {
                String number = b + i + c;
                electors.add(new RollEntries.Elector(number, "Member " + number, number.toLowerCase()
                        + "@example.org", c + "-" + b));
            }
        }
        FinalBallots.roll(selection, electors);
        return selection;
    }

    private static String triggerMeeting(String selection, String branch) {
        return meeting(selection, branch, "trigger");
    }

    /** A started meeting of the branch, attended by its first elector (a quorum of one). */
    private static String meeting(String selection, String branch, String step) {
        String meetings = "/api/ballots/selections/" + selection + "/meetings";
        Map<String, Object> body = new HashMap<>(Map.of("title", "Meeting of " + branch, "startsAt",
                STARTS.toString(), "endsAt", STARTS.plusSeconds(7200).toString(), "location", "Hall",
                "branch", branch));
        if (step != null) {
            body.put("step", step);
        }
        String meeting = given().contentType(ContentType.JSON).body(body).post(meetings).then().statusCode(201)
                .extract().path("id");
        given().post(meetings + "/" + meeting + "/start").then().statusCode(200);
        String b = branch.substring(branch.lastIndexOf('-') + 1);
        String c = branch.substring(0, branch.lastIndexOf('-'));
        given().contentType(ContentType.JSON).body(Map.of("membershipNumber", b + 1 + c))
                .post(meetings + "/" + meeting + "/attendance").then().statusCode(200);
        return meeting;
    }

    private static Map<String, Object> yesNo() {
        return Map.of("question", "Should there be an open selection?", "kind", "yes-no",
                "closesAt", Instant.now().plusSeconds(3600).toString());
    }

    private static Map<String, Object> round(List<String> candidates) {
        return Map.of("question", "Nomination", "kind", "round", "candidates", candidates,
                "closesAt", Instant.now().plusSeconds(3600).toString());
    }

    private static String votesPath(String selection, String meeting) {
        return "/api/ballots/selections/" + selection + "/meetings/" + meeting + "/votes";
    }

    private static ValidatableResponse open(String selection, String meeting, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(votesPath(selection, meeting)).then();
    }

    private static void close(String selection, String meeting, String ballot) {
        given().post(votesPath(selection, meeting) + "/" + ballot + "/close").then().statusCode(200);
    }

    private static ValidatableResponse votes(String selection, String meeting) {
        return given().get(votesPath(selection, meeting)).then().statusCode(200);
    }

    /** tally-service's count at the close; returns the event's id. */
    private static String counted(String ballot, String selection, String meeting, Map<String, Long> totals,
                                  long votes) {
        return TestEvents.send(Topics.RESULTS, ballot, MeetingVoteCounted.TYPE,
                new MeetingVoteCounted(ballot, selection, meeting, new LinkedHashMap<>(totals), votes));
    }

    private boolean applied(String eventId) {
        return pool.preparedQuery("select count(*) from inbox_event where event_id = $1")
                .execute(Tuple.of(eventId)).await().indefinitely().iterator().next().getLong(0) > 0;
    }

    private static ValidatableResponse awaitResult(String selection, String meeting, int index) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                votes(selection, meeting).body("[" + index + "].result", notNullValue()));
        return votes(selection, meeting);
    }
}
