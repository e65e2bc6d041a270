package org.selectorate.gateway.routing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(EchoService.class)
class ServiceProxyTest {

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void forwardsMethodPathQueryBodyAndToken() {
        given().header("Authorization", "Bearer abc").contentType(ContentType.JSON).body("{\"a\":1}")
                .post("/api/membership/things?x=1").then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/membership/things?x=1"))
                .body("authorization", equalTo("Bearer abc"))
                .body("body", equalTo("{\"a\":1}"));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void relaysTheServiceStatus() {
        given().get("/api/ballots/missing").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void unreachableServiceIsABadGatewayProblem() {
        given().get("/api/tally/anything").then().statusCode(502)
                .contentType("application/problem+json")
                .body("detail", containsString("tally"));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void unknownApiIsNotFound() {
        given().get("/api/nothing/here").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void noTokenIsUnauthorized() {
        given().get("/api/membership/things").then().statusCode(401);
    }

    @Test
    void publicApisNeedNoToken() {
        given().get("/api/tally/public/anything").then().statusCode(502);
        given().get("/api/membership/public/echo").then().statusCode(200).body("authorization", org.hamcrest.Matchers.nullValue());
    }

    @Test
    @TestSecurity(user = "stranger", roles = "someone-else")
    void tokenWithoutAPlatformRoleIsForbidden() {
        given().get("/api/membership/things").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void openApiMergesWhatAnswersAndNamesWhatDoesNot() {
        given().get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/membership/echo"))
                .body("components.schemas", hasKey("Echo"))
                .body("x-unavailable", hasItem("tally"))
                .body("x-unavailable", not(hasItem("membership")));
    }

    @Test
    void homePageShowsEachServiceHealth() {
        given().get("/").then().statusCode(200)
                .body(containsString("/api/membership/"))
                .body(containsString("UNREACHABLE"))
                .body(containsString(">UP<"));
    }
}
