package org.selectorate.membership.organisation;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.selectorate.membership.Fixtures;
import org.selectorate.testkit.EmbeddedPlatform;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class BranchAndAffiliateTest {
    @Inject
    Pool pool;

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void branchesAndAffiliatesJoinAConstituencyAndAreListedByCode() {
        String c = Fixtures.code("CB");
        Fixtures.constituency("RBRANCH", c);
        Fixtures.branch(c, c + "-west");
        Fixtures.branch(c, c + "-east");
        given().contentType(ContentType.JSON).body(Map.of("code", c + "-east", "name", "Dup", "constituency", c))
                .post("/api/membership/branches").then().statusCode(409).contentType("application/problem+json");
        given().get("/api/membership/constituencies/" + c + "/branches").then().statusCode(200)
                .body("code", equalTo(List.of(c + "-east", c + "-west")));

        given().contentType(ContentType.JSON)
                .body(Map.of("code", c + "-gmb", "name", "GMB branch", "constituency", c, "kind", "union"))
                .post("/api/membership/affiliates").then().statusCode(201).body("kind", equalTo("union"));
        given().contentType(ContentType.JSON)
                .body(Map.of("code", c + "-fab", "name", "Fabians", "constituency", c, "kind", "club"))
                .post("/api/membership/affiliates").then().statusCode(400)
                .body("errors", hasItem("kind: must be union or society"));
        given().get("/api/membership/constituencies/" + c + "/affiliates").then().statusCode(200)
                .body("code", equalTo(List.of(c + "-gmb")));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aBranchOfAnUnknownConstituencyIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("code", "B-x", "name", "X", "constituency", "NOWHERE"))
                .post("/api/membership/branches").then().statusCode(400)
                .body("errors", hasItem("constituency: no such constituency"));
        given().get("/api/membership/constituencies/NOWHERE/branches").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "regional", roles = "regional-admin")
    @OidcSecurity(claims = @Claim(key = "regions", value = "R-OTHER"))
    void aRegionalAdminAddsBranchesOnlyInTheirRegion() {
        for (String[] area : new String[][]{{"R-OTHER", "C-MINE"}, {"R-HQ", "C-THEIRS"}}) {
            pool.preparedQuery("insert into region values ($1, $1, now()) on conflict do nothing")
                    .execute(Tuple.of(area[0])).await().indefinitely();
            pool.preparedQuery("insert into constituency values ($1, $1, $2, now()) on conflict do nothing")
                    .execute(Tuple.of(area[1], area[0])).await().indefinitely();
        }
        given().contentType(ContentType.JSON).body(Map.of("code", Fixtures.code("B"), "name", "X", "constituency", "C-MINE"))
                .post("/api/membership/branches").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("code", Fixtures.code("B"), "name", "X", "constituency", "C-THEIRS"))
                .post("/api/membership/branches").then().statusCode(403)
                .body("detail", containsString("outside your area"));
    }
}
