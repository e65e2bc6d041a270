package org.selectorate.ballot.area;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.ballot.People;
import org.selectorate.ballot.TestEvents;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.organisation.AffiliateCreated;
import org.selectorate.contracts.organisation.AffiliateOfficerAdded;
import org.selectorate.contracts.organisation.AffiliateOfficerRemoved;
import org.selectorate.contracts.organisation.BranchCreated;
import org.selectorate.contracts.organisation.ConstituencyCreated;
import org.selectorate.testkit.EmbeddedPlatform;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ballot-service learns a constituency's branches, affiliates and affiliates' officers from the organisation topic,
 * each event once, and answers who may act for an affiliate.
 */
@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class KnownUnitsTest {
    @Inject
    KnownUnits units;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void unitsAndOfficersAreLearntOnceAndRemovalsForgotten() throws Exception {
        String c = TestEvents.knownConstituency("R-UNITS");
        String unite = c + "-unite";
        String fabians = c + "-fab";
        organisation(c, BranchCreated.TYPE, new BranchCreated(c + "-west", "West", c, "R-UNITS"));
        organisation(c, BranchCreated.TYPE, new BranchCreated(c + "-east", "East", c, "R-UNITS"));
        organisation(c, AffiliateCreated.TYPE, new AffiliateCreated(unite, "Unite", c, "R-UNITS", "union"));
        organisation(c, AffiliateCreated.TYPE, new AffiliateCreated(fabians, "Fabians", c, "R-UNITS", "society"));
        String una = organisation(c, AffiliateOfficerAdded.TYPE,
                new AffiliateOfficerAdded(unite, c, "una", "Una Officer", "una@example.org"));
        String ben = organisation(c, AffiliateOfficerAdded.TYPE,
                new AffiliateOfficerAdded(unite, c, "ben", "Ben Officer", "ben@example.org"));
        organisation(c, AffiliateOfficerAdded.TYPE,
                new AffiliateOfficerAdded(fabians, c, "sam", "Sam Society", "sam@example.org"));
        // An event type this service does not read is acked and does not stop the ones after it.
        organisation(c, "org.selectorate.organisation.RegionRenamed", Map.of("code", "R-UNITS"));
        organisation(c, AffiliateOfficerRemoved.TYPE, new AffiliateOfficerRemoved(unite, c, "ben"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/ballots/constituencies/" + c + "/units").then().statusCode(200)
                        .body("branches.code", equalTo(List.of(c + "-east", c + "-west")))
                        .body("affiliates.code", equalTo(List.of(fabians, unite)))
                        .body("affiliates.kind", equalTo(List.of("society", "union")))
                        .body("affiliates.officers", equalTo(List.of(List.of("Sam Society"), List.of("Una Officer")))));

        // Appointments redelivered (same CloudEvents ids) change nothing: Ben stays removed.
        TestEvents.send(Topics.ORGANISATION, c, AffiliateOfficerAdded.TYPE,
                new AffiliateOfficerAdded(unite, c, "ben", "Ben Officer", "ben@example.org"), ben);
        TestEvents.send(Topics.ORGANISATION, c, AffiliateOfficerAdded.TYPE,
                new AffiliateOfficerAdded(unite, c, "una", "Una Officer", "una@example.org"), una);
        organisation(c, BranchCreated.TYPE, new BranchCreated(c + "-north", "North", c, "R-UNITS"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/ballots/constituencies/" + c + "/units").then().statusCode(200)
                        .body("branches.code", equalTo(List.of(c + "-east", c + "-north", c + "-west"))));

        assertTrue(ask(() -> units.isOfficer(unite, "una")));
        assertFalse(ask(() -> units.isOfficer(unite, "ben")), "a removed officer acts no more");
        assertFalse(ask(() -> units.isOfficer(unite, "sam")), "an officer of one affiliate is not one of another");
        assertEquals(List.of("una"), ask(() -> units.officersOf(unite)).stream().map(o -> o.username).toList());
        assertEquals(List.of(c + "-east", c + "-north", c + "-west"),
                ask(() -> units.branchesOf(c)).stream().map(b -> b.code).toList());
        assertEquals(List.of(fabians, unite), ask(() -> units.affiliatesOf(c)).stream().map(a -> a.code).toList());
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aScrutineerReadsTheUnitsOfTheirAreaOnly() throws Exception {
        String mine = "C" + UUID.randomUUID().toString().substring(0, 8);
        String theirs = "C" + UUID.randomUUID().toString().substring(0, 8);
        organisation(mine, ConstituencyCreated.TYPE, new ConstituencyCreated(mine, "Mine", "R-SCRUTINY"));
        organisation(mine, BranchCreated.TYPE, new BranchCreated(mine + "-b", "B", mine, "R-SCRUTINY"));
        organisation(theirs, ConstituencyCreated.TYPE, new ConstituencyCreated(theirs, "Theirs", "R-OTHER"));
        organisation(theirs, BranchCreated.TYPE, new BranchCreated(theirs + "-b", "B", theirs, "R-OTHER"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                ask(() -> units.branchesOf(mine)).size() == 1 && ask(() -> units.branchesOf(theirs)).size() == 1);

        SecurityIdentity before = People.as("sub-scrutineer", "scrutineer", Set.of("scrutineer"), List.of("R-SCRUTINY"),
                List.of());
        try {
            given().get("/api/ballots/constituencies/" + mine + "/units").then().statusCode(200)
                    .body("branches.code", equalTo(List.of(mine + "-b")))
                    .body("affiliates", equalTo(List.of()));
            given().get("/api/ballots/constituencies/" + theirs + "/units").then().statusCode(404)
                    .contentType("application/problem+json");
            given().get("/api/ballots/constituencies/NO-SUCH-PLACE/units").then().statusCode(404);
        } finally {
            People.restore(before);
        }
    }

    @Test
    @TestSecurity(user = "candidate", roles = "candidate")
    void candidatesDoNotReadUnits() {
        given().get("/api/ballots/constituencies/ANY/units").then().statusCode(403);
    }

    /** As membership-service's outbox relays it: keyed by constituency. Returns the event id. */
    private static String organisation(String constituency, String type, Object payload) {
        return TestEvents.send(Topics.ORGANISATION, constituency, type, payload);
    }

    /** Asks the read model on a Vert.x context, as a resource would. */
    private static <T> T ask(Supplier<Uni<T>> question) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(question);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
