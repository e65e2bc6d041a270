package org.selectorate.ballot.step;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.People;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.integrity.audit.AuditEntry;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.selectorate.ballot.step.AffiliateReturnsTest.admin;
import static org.selectorate.ballot.step.AffiliateReturnsTest.audit;
import static org.selectorate.ballot.step.AffiliateReturnsTest.constituencyWithUnits;
import static org.selectorate.ballot.step.AffiliateReturnsTest.enter;
import static org.selectorate.ballot.step.AffiliateReturnsTest.officer;
import static org.selectorate.ballot.step.AffiliateReturnsTest.open;
import static org.selectorate.ballot.step.AffiliateReturnsTest.scrutineer;

/**
 * Nominations and the shortlist on the nominations step: branches nominate by their meetings' exhaustive ballots
 * (here rows of meeting_vote_result stand for decided rounds), affiliates by confirmed returns; closing the step
 * counts them under the rulebook's thresholds and gender-balance rule and, with thresholds, sets the shortlist, to
 * which the committee adds only as the rulebook allows, co-signed. Units as in {@link AffiliateReturnsTest}:
 * branches east and west, affiliates A, B, D (two officers) and C (one).
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class NominationsTest {
    @Inject
    Pool pool;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void eitherCollegeShortlistsTheGenderBalanceAddsAWomanAndTheCommitteeAddsOneCosigned() {
        String c = constituencyWithUnits();
        // Half of 2 branches is 1; half of 4 affiliates is 2. At least one woman; one committee addition.
        String selection = selection(c, Map.of("thresholds", Map.of("branches", "1/2", "affiliates", "1/2"),
                "combination", "either", "committeeAdditions", 1), Map.of("gender", "woman", "atLeast", 1));
        String base = "/api/ballots/selections/" + selection;
        String steps = base + "/steps/nominations";
        Map<String, String> ids = candidates(selection, Map.of("Grey", "man", "Amber", "woman", "Coral", "woman",
                "Dune", "", "Esme", "woman", "Will", "man"));
        open(selection, "nominations", Instant.now().plusSeconds(3600)).statusCode(200);

        // East chose Grey in its second round (the first only eliminated); west chose Will, who then withdrew.
        branchDecided(selection, c + "-east", 1, null, "Coral");
        branchDecided(selection, c + "-east", 2, "Grey", null);
        branchDecided(selection, c + "-west", 1, "Will", null);
        confirmed(steps, c + "-A", "Dune", "a1", "a2");
        confirmed(steps, c + "-B", "Dune", "b1", "b2");
        officer("c1", c + "-C");
        String amberReturn = enter(steps, c + "-C", "Amber").statusCode(200).extract().path("id");
        scrutineer();
        given().post(steps + "/returns/" + amberReturn + "/confirm").then().statusCode(200);
        // D's return for Coral is never confirmed: it is not counted.
        officer("d1", c + "-D");
        enter(steps, c + "-D", "Coral").statusCode(200);
        admin();
        given().contentType(ContentType.JSON).body("{}").post(base + "/candidates/Will/withdraw").then()
                .statusCode(200);
        given().get(base + "/nominations").then().statusCode(200)
                .body("candidates.name", equalTo(List.of("Amber", "Coral", "Dune", "Esme", "Grey", "Will")))
                .body("candidates.nominations", equalTo(List.of(1, 0, 2, 0, 1, 1)))
                .body("candidates[5].branches", equalTo(List.of(c + "-west")))
                .body("candidates[5].withdrawnAt", org.hamcrest.Matchers.notNullValue())
                .body("shortlist", hasSize(0));

        ValidatableResponse closed = given().post(steps + "/close").then().statusCode(200)
                .body("outcome.automatic", equalTo(true))
                .body("outcome.byThreshold", equalTo(List.of("Dune", "Grey")))
                .body("outcome.added.candidate", equalTo(List.of("Amber")))
                .body("outcome.added[0].reason", startsWith("the woman not shortlisted by threshold with most "
                        + "nominations (1)"))
                .body("outcome.shortlist", equalTo(List.of("Dune", "Grey", "Amber")))
                .body("outcome.standings.candidate", equalTo(List.of("Amber", "Coral", "Dune", "Esme", "Grey",
                        "Will")))
                .body("outcome.standings.gender", equalTo(Arrays.asList("woman", "woman", null, "woman", "man",
                        "man")))
                .body("outcome.standings.withdrawn", equalTo(List.of(false, false, false, false, false, true)))
                .body("outcome.standings.nominations", equalTo(List.of(1, 0, 2, 0, 1, 1)))
                .body("outcome.standings.shortlisted", equalTo(Arrays.asList("gender-balance", null, "threshold",
                        null, "threshold", null)))
                .body("outcome.standings[2].affiliates.affiliate", equalTo(List.of(c + "-A", c + "-B")))
                .body("outcome.standings[4].branches", equalTo(List.of(c + "-east")))
                .body("outcome.standings[4].colleges.required", equalTo(List.of(1, 2)))
                .body("outcome.standings[5].reached", equalTo(false))
                .body("outcome.returns", hasSize(3))
                .body("outcome.explanation", containsString("Gender balance (at least 1 woman): added Amber"));
        // Each affiliate's nomination carries its return's digest, as published with the returns.
        List<String> digests = given().get(steps + "/returns").then().statusCode(200).extract().path("digest");
        assertEquals(digests, closed.extract().path("outcome.returns.digest"));
        assertTrue(digests.containsAll(closed.extract().<List<String>>path("outcome.standings[2].affiliates.digest")));
        given().get(steps).then().statusCode(200).body("outcome.shortlist", equalTo(List.of("Dune", "Grey",
                "Amber")));
        given().get(base + "/nominations").then().statusCode(200)
                .body("automatic", equalTo(true)).body("committeeAdditions", equalTo(1))
                .body("shortlist.name", equalTo(List.of("Dune", "Grey", "Amber")))
                .body("shortlist.basis", equalTo(List.of("threshold", "threshold", "gender-balance")))
                .body("shortlist[2].reason", startsWith("the woman not shortlisted"))
                .body("shortlistedBy", equalTo("hq"));

        // Under thresholds the shortlist is not set by hand.
        given().contentType(ContentType.JSON).body(Map.of("candidates", List.of(ids.get("Coral"))))
                .post(base + "/shortlist").then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/shortlist-automatic"));
        // Closed: no more returns, nor confirmations.
        officer("d2", c + "-D");
        enter(steps, c + "-D", "Esme").statusCode(409).body("type", endsWith("/step-closed"));

        // The committee's one addition: refused alone (a proposal), done when a scrutineer co-signs.
        admin();
        addition(base, ids.get("Coral"), null).statusCode(400).contentType("application/problem+json");
        addition(base, ids.get("Grey"), "Grey is on it").statusCode(409).body("type", endsWith("/already-shortlisted"));
        addition(base, ids.get("Will"), "Will withdrew").statusCode(400).body("errors[0]",
                containsString("not a standing candidate"));
        addition(base, UUID.randomUUID().toString(), "nobody").statusCode(400);
        ExtractableResponse<Response> proposed = People.proposed(addition(base, ids.get("Coral"),
                "the committee adds the affiliates' second woman"));
        assertEquals("shortlist-addition", proposed.path("proposal.kind"));
        given().get(base + "/nominations").then().body("shortlist.name", equalTo(List.of("Dune", "Grey", "Amber")));
        // The proposer cannot co-sign it.
        given().contentType(ContentType.JSON).body(Map.of("reason", "me", "digest", proposed.path("proposal.digest")))
                .post("/api/ballots/proposals/" + proposed.path("proposal.id") + "/cosign").then().statusCode(403);
        given().get(base + "/nominations").then().body("shortlist", hasSize(3));
        People.cosign(proposed);
        given().get(base + "/nominations").then().statusCode(200)
                .body("shortlist.name", equalTo(List.of("Dune", "Grey", "Amber", "Coral")))
                .body("shortlist[3].basis", equalTo("committee"))
                .body("shortlist[3].reason", equalTo("the committee adds the affiliates' second woman"))
                .body("shortlist[3].proposal", equalTo(proposed.path("proposal.id")));
        // Beyond what the rulebook allows.
        addition(base, ids.get("Esme"), "one more").statusCode(409).body("type", endsWith("/additions-exhausted"));

        List<TimetableEvent> events = TestEvents.awaitEvents(Topics.BALLOTS, selection, TimetableEvent.TYPE, 4)
                .stream().map(r -> TestEvents.read(r, TimetableEvent.class)).toList();
        assertEquals(List.of(TimetableEvent.NOMINATIONS_OPENED, TimetableEvent.NOMINATIONS_CLOSED,
                TimetableEvent.SHORTLIST, TimetableEvent.SHORTLIST), events.stream().map(TimetableEvent::kind)
                .toList());
        assertEquals("Shortlist: Dune, Grey, Amber", events.get(2).summary());
        assertEquals("Shortlist: Dune, Grey, Amber, Coral (Coral added by the procedures committee)",
                events.get(3).summary());

        List<AuditEntry> audited = audit(selection);
        // The refused attempts left nothing; the addition is proposed once and done once.
        Set<String> shown = Set.of("candidate.withdraw", "step.close", "shortlist.publish", "proposal.propose",
                "shortlist-addition.cosign");
        assertEquals(List.of("candidate.withdraw", "step.close", "shortlist.publish", "proposal.propose",
                "shortlist-addition.cosign"), audited.stream().map(e -> e.action().name()).filter(shown::contains)
                .toList());
        AuditEntry cosigned = audited.get(audited.size() - 1);
        assertEquals("shortlist-addition.cosign", cosigned.action().name());
        assertEquals("selection/" + selection + "/shortlist", cosigned.action().target());
        assertEquals("sub-hq", cosigned.action().coSigner());
        AuditEntry published = audited.stream().filter(e -> e.action().name().equals("shortlist.publish"))
                .findFirst().orElseThrow();
        assertEquals("thresholds", ((Map<?, ?>) published.action().after().value().orElseThrow()).get("by"));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void bothCollegesAreNeededAndWithoutAllowanceTheCommitteeAddsNobody() {
        String c = constituencyWithUnits();
        // Half of 2 branches is 1; a quarter of 4 affiliates is 1; both needed. No additions allowed.
        String selection = selection(c, Map.of("thresholds", Map.of("branches", "1/2", "affiliates", "1/4"),
                "combination", "both"), null);
        String base = "/api/ballots/selections/" + selection;
        String steps = base + "/steps/nominations";
        Map<String, String> ids = candidates(selection, Map.of("Grey", "", "Amber", "", "Dune", "", "Will", ""));
        // Before the step opens there is nothing to add to.
        addition(base, ids.get("Amber"), "early").statusCode(409).body("type", endsWith("/shortlist-not-set"));
        open(selection, "nominations", Instant.now().plusSeconds(3600)).statusCode(200);
        branchDecided(selection, c + "-east", 1, "Grey", null);
        branchDecided(selection, c + "-west", 1, "Amber", null);
        confirmed(steps, c + "-A", "Grey", "a1", "a2");
        confirmed(steps, c + "-B", "Dune", "b1", "b2");

        // Bad input changes nothing: an unknown candidate, a withdrawn one, an unknown affiliate.
        given().contentType(ContentType.JSON).body("{}").post(base + "/candidates/Will/withdraw").then()
                .statusCode(200);
        officer("d1", c + "-D");
        enter(steps, c + "-D", "Will").statusCode(400).body("errors[0]", containsString("not a standing candidate"));
        enter(steps, c + "-D", "Nobody Known").statusCode(400).contentType("application/problem+json")
                .body("errors[0]", containsString("not a standing candidate"));
        enter(steps, c + "-Z", "Grey").statusCode(400).body("errors[0]", containsString("affiliate"));
        admin();
        given().get(steps + "/returns").then().statusCode(200).body("affiliate", equalTo(List.of(c + "-A",
                c + "-B")));

        given().post(steps + "/close").then().statusCode(200)
                .body("outcome.byThreshold", equalTo(List.of("Grey")))
                .body("outcome.added", hasSize(0))
                .body("outcome.shortlist", equalTo(List.of("Grey")))
                .body("outcome.standings.reached", equalTo(List.of(false, false, true, false)))
                .body("outcome.standings.withdrawn", equalTo(List.of(false, false, false, true)))
                .body("outcome.explanation", startsWith("shortlisted by threshold (every college must reach its "
                        + "threshold): Grey."));
        given().get(base + "/nominations").then().statusCode(200).body("shortlist.name", equalTo(List.of("Grey")))
                .body("committeeAdditions", equalTo(0));
        addition(base, ids.get("Amber"), "Amber came close").statusCode(409)
                .body("type", endsWith("/additions-exhausted"));
        given().get("/api/ballots/selections/" + selection + "/proposals").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    private static String selection(String constituency, Map<String, Object> nominations,
                                    Map<String, Object> genderBalance) {
        Map<String, Object> rulebook = new HashMap<>(Map.of("steps", "open", "nominations", nominations));
        if (genderBalance != null) {
            rulebook.put("genderBalance", genderBalance);
        }
        admin();
        return given().contentType(ContentType.JSON)
                .body(Map.of("constituency", constituency, "title", "Open " + constituency,
                        "freezeDate", "2026-05-01", "rulebook", rulebook))
                .post("/api/ballots/selections").then().statusCode(201).extract().path("id");
    }

    /** Adds the candidates, each with their declared gender ("" for none); answers their ids by name. */
    private static Map<String, String> candidates(String selection, Map<String, String> genders) {
        admin();
        genders.forEach((name, gender) -> {
            Map<String, Object> body = new HashMap<>(Map.of("name", name));
            if (!gender.isEmpty()) {
                body.put("gender", gender);
            }
            given().contentType(ContentType.JSON).body(body).post("/api/ballots/selections/" + selection
                    + "/candidates").then().statusCode(201);
        });
        Map<String, String> ids = new HashMap<>();
        List<Map<String, Object>> all = given().get("/api/ballots/selections/" + selection).then().statusCode(200)
                .extract().path("candidates");
        all.forEach(m -> ids.put((String) m.get("name"), (String) m.get("id")));
        return ids;
    }

    /** An affiliate's return, entered by one officer and confirmed by the other; then acts as HQ. */
    private static void confirmed(String steps, String affiliate, String vote, String enters, String confirms) {
        officer(enters, affiliate);
        String id = enter(steps, affiliate, vote).statusCode(200).extract().path("id");
        officer(confirms, affiliate);
        given().post(steps + "/returns/" + id + "/confirm").then().statusCode(200);
        admin();
    }

    private static ValidatableResponse addition(String base, String candidate, String reason) {
        Map<String, Object> body = new HashMap<>(Map.of("candidate", candidate));
        if (reason != null) {
            body.put("reason", reason);
        }
        return given().contentType(ContentType.JSON).body(body).post(base + "/shortlist/additions").then();
    }

    /**
     * Stands for a round of a branch's nomination meeting, decided: a closed meeting vote and what it decided
     * (the selected candidate, or who it eliminated), as the meeting-vote count records it.
     */
    private void branchDecided(String selection, String branch, int round, String selected, String eliminated) {
        UUID meeting = UUID.randomUUID();
        UUID ballot = UUID.randomUUID();
        UUID s = UUID.fromString(selection);
        pool.preparedQuery("insert into meeting (id, selection_id, title, starts_at, ends_at, location, sequence, "
                        + "status, created_by, created_at, branch, step) values ($1, $2, 'Nominations', "
                        + "now() - interval '2 hours', now() - interval '1 hour', 'Hall', 0, 'started', 'test', now(), "
                        + "$3, 'nominations')")
                .execute(Tuple.of(meeting, s, branch)).await().indefinitely();
        pool.preparedQuery("insert into ballot (id, selection_id, title, status, closes_at, closed_at, created_by, "
                        + "created_at, kind, meeting_id) values ($1, $2, 'Round', 'CLOSED', now(), now(), 'test', "
                        + "now(), 'meeting', $3)")
                .execute(Tuple.of(ballot, s, meeting)).await().indefinitely();
        pool.preparedQuery("insert into meeting_vote_result (ballot_id, selection_id, meeting_id, step, branch, kind, "
                        + "round, totals, votes, outcome, eliminated, explanation) values ($1, $2, $3, 'nominations', "
                        + "$4, 'round', $5, '{}', 9, $6, $7, 'decided in the room')")
                .execute(Tuple.from(Arrays.asList(ballot, s, meeting, branch, round, selected, eliminated)))
                .await().indefinitely();
    }
}
