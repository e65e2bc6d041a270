package org.selectorate.ballot.selection;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.TestEvents;
import org.selectorate.testkit.EmbeddedPlatform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The rulebook's steps before the final ballot, as a selection is created with them. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class RulebookStepsTest {

    private static Map<String, Object> selection(String constituency, Map<String, Object> rulebook) {
        Map<String, Object> body = new HashMap<>(Map.of("constituency", constituency, "title", "Steps",
                "freezeDate", "2026-05-01"));
        if (rulebook != null) {
            body.put("rulebook", rulebook);
        }
        return body;
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void withoutStepTermsASelectionIsOpenWithTheDefaults() {
        String constituency = TestEvents.knownConstituency("R-steps-default");
        given().contentType(ContentType.JSON).body(selection(constituency, null))
                .post("/api/ballots/selections").then().statusCode(201)
                .body("rulebook.steps", equalTo("open"))
                .body("rulebook.trigger", nullValue())
                .body("rulebook.meetingQuorum", equalTo(0))
                .body("rulebook.nominations.thresholds", anEmptyMap())
                .body("rulebook.nominations.combination", equalTo("either"))
                .body("rulebook.nominations.method", equalTo("exhaustive"))
                .body("rulebook.genderBalance", nullValue())
                .body("rulebook.minimumPublishedVoters", equalTo(10));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aTriggerBallotTakesAPresetOrExplicitThresholds() {
        String constituency = TestEvents.knownConstituency("R-steps-trigger");
        String id = given().contentType(ContentType.JSON).body(selection(constituency, Map.of(
                        "steps", "trigger",
                        "trigger", Map.of("preset", "2018", "base", "all-units"),
                        "meetingQuorum", 12,
                        "nominations", Map.of("thresholds", Map.of("branches", "1/2", "affiliates", "1/2"),
                                "combination", "both"),
                        "genderBalance", Map.of("gender", "woman", "atLeast", 1),
                        "minimumPublishedVoters", 20)))
                .post("/api/ballots/selections").then().statusCode(201)
                .body("rulebook.steps", equalTo("trigger"))
                .body("rulebook.trigger.preset", equalTo("2018"))
                .body("rulebook.trigger.thresholds.branches", equalTo("1/3"))
                .body("rulebook.trigger.thresholds.affiliates", equalTo("1/3"))
                .body("rulebook.trigger.combination", equalTo("either"))
                .body("rulebook.trigger.base", equalTo("all-units"))
                .body("rulebook.trigger.method", equalTo("yes-no"))
                .body("rulebook.meetingQuorum", equalTo(12))
                .body("rulebook.nominations.thresholds.branches", equalTo("1/2"))
                .body("rulebook.nominations.combination", equalTo("both"))
                .body("rulebook.genderBalance.gender", equalTo("woman"))
                .body("rulebook.genderBalance.atLeast", equalTo(1))
                .body("rulebook.minimumPublishedVoters", equalTo(20))
                .extract().path("id");
        // Read back from the database, not just echoed.
        given().get("/api/ballots/selections/" + id).then().statusCode(200)
                .body("rulebook.trigger.thresholds.branches", equalTo("1/3"))
                .body("rulebook.nominations.thresholds.affiliates", equalTo("1/2"))
                .body("rulebook.genderBalance.gender", equalTo("woman"));

        given().contentType(ContentType.JSON).body(selection(TestEvents.knownConstituency("R-steps-explicit"),
                        Map.of("steps", "trigger", "trigger", Map.of("thresholds", Map.of("branches", "2/5"),
                                "combination", "both"))))
                .post("/api/ballots/selections").then().statusCode(201)
                .body("rulebook.trigger.preset", nullValue())
                .body("rulebook.trigger.thresholds", equalTo(Map.of("branches", "2/5")))
                .body("rulebook.trigger.combination", equalTo("both"))
                .body("rulebook.trigger.base", equalTo("units-that-voted"));

        // A trigger ballot with no rule given takes the 2021 rule over the units that voted.
        given().contentType(ContentType.JSON).body(selection(TestEvents.knownConstituency("R-steps-2021"),
                        Map.of("steps", "trigger")))
                .post("/api/ballots/selections").then().statusCode(201)
                .body("rulebook.trigger.preset", equalTo("2021"))
                .body("rulebook.trigger.thresholds", equalTo(Map.of("branches", "1/2", "affiliates", "1/2")))
                .body("rulebook.trigger.base", equalTo("units-that-voted"));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void badStepTermsAreRefusedAndSaveNothing() {
        String constituency = TestEvents.knownConstituency("R-steps-bad");
        given().contentType(ContentType.JSON).body(selection(constituency, Map.of("steps", "trigger",
                        "trigger", Map.of("preset", "2019"),
                        "nominations", Map.of("thresholds", Map.of("branches", "4/3", "affiliates", "1/0")))))
                .post("/api/ballots/selections").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", containsInAnyOrder(
                        "trigger.preset: unknown trigger rule preset '2019'; known: [2018, 2021]",
                        "nominations.thresholds.branches: a threshold is a fraction from 0 to 1, got 4/3",
                        "nominations.thresholds.affiliates: a threshold is a fraction from 0 to 1, got 1/0"));
        given().contentType(ContentType.JSON).body(selection(constituency, Map.of("meetingQuorum", -1,
                        "minimumPublishedVoters", 0, "steps", "sometimes",
                        "genderBalance", Map.of("gender", " ", "atLeast", 0),
                        "trigger", Map.of("thresholds", Map.of("branches", "a third"), "base", "some"))))
                .post("/api/ballots/selections").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", containsInAnyOrder(
                        "meetingQuorum: must be greater than or equal to 0",
                        "minimumPublishedVoters: must be greater than or equal to 1",
                        "steps: must be one of trigger, open",
                        "gender: must not be blank",
                        "atLeast: must be greater than or equal to 1",
                        "branches: must be a fraction such as 1/3",
                        "base: must be one of units-that-voted, all-units"));
        for (Map<String, Object> rulebook : List.<Map<String, Object>>of(
                Map.of("trigger", Map.of("preset", "2021")),
                Map.of("steps", "trigger", "trigger", Map.of("preset", "2021",
                        "thresholds", Map.of("branches", "1/2"))),
                Map.of("steps", "trigger", "trigger", Map.of("preset", "2021", "combination", "both")),
                Map.of("steps", "trigger", "trigger", Map.of("thresholds", Map.of())))) {
            given().contentType(ContentType.JSON).body(selection(constituency, rulebook))
                    .post("/api/ballots/selections").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.size()", equalTo(1));
        }
        given().contentType(ContentType.JSON).body(selection(constituency, Map.of("trigger", Map.of("preset", "2021"))))
                .post("/api/ballots/selections").then().statusCode(400)
                .body("errors", contains("trigger: only a selection with a trigger ballot (steps: trigger) has a "
                        + "trigger rule"));
        given().get("/api/ballots/selections").then().statusCode(200)
                .body("constituency", not(hasItem(constituency)));
    }
}
