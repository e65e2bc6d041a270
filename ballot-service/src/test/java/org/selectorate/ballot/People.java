package org.selectorate.ballot;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.jose4j.jwt.JwtClaims;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * Who the test acts as, mid-test: a token with a subject, a username, roles and area claims, as Keycloak would
 * issue it. And the two-person rule's second person, for tests about something else that need an early close.
 */
public final class People {
    private People() {
    }

    /** Acts from now on with a token whose {@code sub} is {@code subject}; returns who acted before. */
    public static SecurityIdentity as(String subject, String username, Set<String> roles, List<String> regions,
                                      List<String> constituencies) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(subject);
        claims.setClaim("preferred_username", username);
        claims.setClaim("regions", regions);
        claims.setClaim("constituencies", constituencies);
        TestIdentityAssociation identities = identities();
        SecurityIdentity before = identities.getTestIdentity();
        identities.setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new DefaultJWTCallerPrincipal(claims)).addRoles(roles).build());
        return before;
    }

    public static void restore(SecurityIdentity identity) {
        identities().setTestIdentity(identity);
    }

    /** A 409 cosign-required: the proposal it links to (an admin attempted something alone). */
    public static ExtractableResponse<Response> proposed(ValidatableResponse attempt) {
        return attempt.statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/cosign-required"))
                .body("proposal.status", equalTo("pending"))
                .extract();
    }

    /** A scrutineer of the selection's region, not the proposer, co-signs the proposal; then acts as before. */
    public static void cosign(ExtractableResponse<Response> proposed) {
        String region = given().get("/api/ballots/selections/" + proposed.path("proposal.selectionId"))
                .then().statusCode(200).extract().path("region");
        SecurityIdentity before = as("sub-second-scrutineer", "second-scrutineer", Set.of("scrutineer"),
                List.of(region), List.of());
        try {
            given().contentType(ContentType.JSON)
                    .body(Map.of("reason", "seen and agreed", "digest", proposed.path("proposal.digest")))
                    .post("/api/ballots/proposals/" + proposed.path("proposal.id") + "/cosign")
                    .then().statusCode(200).body("status", equalTo("done"));
        } finally {
            restore(before);
        }
    }

    /** An admin closes the ballot before its closing time, with a scrutineer's co-signature. */
    public static void closeEarly(String ballot) {
        cosign(proposed(given().contentType(ContentType.JSON).body(Map.of("reason", "the test is done"))
                .post("/api/ballots/ballots/" + ballot + "/close").then()));
    }

    private static TestIdentityAssociation identities() {
        return Arc.container().instance(TestIdentityAssociation.class).get();
    }
}
