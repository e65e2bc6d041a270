package org.selectorate.ballot.selection;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CandidateNominated;
import org.selectorate.contracts.ballot.CandidateWithdrawn;
import org.selectorate.contracts.ballot.MailingRules;
import org.selectorate.testkit.EmbeddedPlatform;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Who acts for a candidate, and the rulebook's mailing terms, reach notification-service as events. */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class CandidateAccountsTest {

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void theMailingRulesArePublishedWithTheSelectionAndDefaultToTwoPerWeek() {
        String constituency = TestEvents.knownConstituency("R-mail");
        String custom = selection(constituency, Map.of("mailingQuota", 5, "mailingPeriodDays", 30));
        MailingRules rules = TestEvents.read(TestEvents.awaitEvents(Topics.BALLOTS, custom, MailingRules.TYPE, 1).get(0),
                MailingRules.class);
        assertEquals(new MailingRules(custom, "R-mail", constituency, 1, 5, 30), rules);

        String defaults = selection(constituency, Map.of());
        given().get("/api/ballots/selections/" + defaults).then().statusCode(200)
                .body("rulebook.mailingQuota", equalTo(2)).body("rulebook.mailingPeriodDays", equalTo(7));
        given().contentType(ContentType.JSON).body(Map.of("constituency", constituency, "title", "T",
                        "freezeDate", "2026-05-01", "rulebook", Map.of("mailingQuota", -1, "mailingPeriodDays", 0)))
                .post("/api/ballots/selections").then().statusCode(400).body("errors.size()", equalTo(2));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aCandidatesAccountAndAgentsAreKeptAndAnnounced() {
        String id = selection(TestEvents.knownConstituency("R-mail"), Map.of());
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "Ada Lovelace", "account", "ada", "agents", List.of("ada-agent", "ada-agent"),
                        "email", "ada@example.org"))
                .post(candidates(id)).then().statusCode(201)
                .body("candidates[0].account", equalTo("ada"))
                // a contact for notices, not for everyone who reads the selection
                .body("candidates[0]", not(hasKey("email")))
                .body("candidates[0].agents", equalTo(List.of("ada-agent")));
        CandidateNominated nominated = TestEvents.read(
                TestEvents.awaitEvents(Topics.BALLOTS, id, CandidateNominated.TYPE, 1).get(0), CandidateNominated.class);
        assertEquals("Ada Lovelace", nominated.name());
        assertEquals("ada", nominated.account());
        assertEquals(List.of("ada-agent"), nominated.agents());
        assertEquals("R-mail", nominated.region());
        assertEquals("ada@example.org", nominated.email());
        assertNotNull(nominated.candidateId());

        given().contentType(ContentType.JSON).body(Map.of("name", "Bad Address", "email", "not-an-address"))
                .post(candidates(id)).then().statusCode(400);

        // A candidate without an account yet; the account is added later and announced again.
        given().contentType(ContentType.JSON).body(Map.of("name", "Grace Hopper")).post(candidates(id))
                .then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("account", "grace", "agents", List.of("g-agent")))
                .put(candidates(id) + "/Grace Hopper/accounts").then().statusCode(200)
                .body("candidates.find { it.name == 'Grace Hopper' }.account", equalTo("grace"));
        List<CandidateNominated> all = TestEvents.awaitEvents(Topics.BALLOTS, id, CandidateNominated.TYPE, 3).stream()
                .map(r -> TestEvents.read(r, CandidateNominated.class)).toList();
        assertEquals("grace", all.get(2).account());
        assertEquals(all.get(1).candidateId(), all.get(2).candidateId());

        given().contentType(ContentType.JSON).body("{}").post(candidates(id) + "/Grace Hopper/withdraw").then()
                .statusCode(200);
        CandidateWithdrawn withdrawn = TestEvents.read(
                TestEvents.awaitEvents(Topics.BALLOTS, id, CandidateWithdrawn.TYPE, 1).get(0), CandidateWithdrawn.class);
        assertEquals(all.get(2).candidateId(), withdrawn.candidateId());
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aUsernameActsForOneCandidateOfASelectionAndMustBeAUsername() {
        String id = selection(TestEvents.knownConstituency("R-mail"), Map.of());
        given().contentType(ContentType.JSON).body(Map.of("name", "A", "account", "a", "agents", List.of("shared")))
                .post(candidates(id)).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("name", "B", "agents", List.of("shared")))
                .post(candidates(id)).then().statusCode(409).body("detail", containsString("shared already acts for"));
        given().contentType(ContentType.JSON).body(Map.of("name", "B", "account", "b", "agents", List.of("b")))
                .post(candidates(id)).then().statusCode(400).body("errors", hasItem(containsString("own account")));
        given().contentType(ContentType.JSON).body(Map.of("name", "B", "account", "b c"))
                .post(candidates(id)).then().statusCode(400).body("errors", hasItem(containsString("username")));
        given().contentType(ContentType.JSON).body(Map.of("account", "a"))
                .put(candidates(id) + "/Nobody/accounts").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "cand", roles = "candidate")
    void aCandidateCannotSetAccounts() {
        given().contentType(ContentType.JSON).body(Map.of("account", "cand"))
                .put("/api/ballots/selections/00000000-0000-0000-0000-000000000000/candidates/X/accounts")
                .then().statusCode(403);
    }

    private static String selection(String constituency, Map<String, Object> rulebook) {
        return given().contentType(ContentType.JSON).body(Map.of("constituency", constituency, "title", "Mailings",
                        "freezeDate", "2026-05-01", "rulebook", rulebook))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
    }

    private static String candidates(String id) {
        return "/api/ballots/selections/" + id + "/candidates";
    }
}
