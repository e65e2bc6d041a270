package org.selectorate.gateway.routing;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aRecordExportIsRelayedOnItsOwnPathAndAnUnreachableTallyIsABadGatewayProblem() {
        // The export is streamed, not buffered (RecordExports); tally-service is not running in these tests.
        given().get("/api/tally/public/ballots/b-1/record").then().statusCode(502)
                .contentType("application/problem+json")
                .body("detail", containsString("tally"));
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
    void anAbsoluteFormRequestTargetIsRefusedNotForwarded() throws Exception {
        // What a client sends to a forward proxy: the gateway once forwarded it to the host it named.
        String response = RawHttp.exchange(RestAssured.port, "GET http://other-host.invalid/api/membership/public/echo "
                + "HTTP/1.1\r\nHost: other-host.invalid\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(response.contains("application/problem+json"), response);
        assertTrue(response.contains("request-target"), response);
        assertFalse(response.contains("\"method\""), "nothing was forwarded: " + response);
    }

    @Test
    void anAbsoluteFormTargetNeedingATokenIsRefusedTheSameWay() throws Exception {
        String response = RawHttp.exchange(RestAssured.port, "POST http://127.0.0.1:9/api/membership/things "
                + "HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
        assertTrue(response.contains("application/problem+json"), response);
    }

    @Test
    void theAsteriskFormIsRefused() throws Exception {
        String response = RawHttp.exchange(RestAssured.port,
                "OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400"), response);
    }

    @Test
    void aPathThatLooksLikeAnotherHostStaysOnTheRoutedService() throws Exception {
        // "//host/..." would be a network-path reference if resolved against the service's URL; the path routed on
        // (normalised, the empty segment gone) is what is forwarded.
        String response = RawHttp.exchange(RestAssured.port, "GET /api/membership/public//other-host.invalid/echo "
                + "HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.contains("\"uri\":\"/api/membership/public/other-host.invalid/echo\""), response);
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aBodyAsBigAsALargeRollIsForwarded() {
        // A 100,000-member CSV is about 15 MB: over Quarkus's default limit, within the gateway's.
        String csv = "x".repeat(16 * 1024 * 1024);
        String echoed = given().contentType(ContentType.TEXT).body(csv).post("/api/membership/imports")
                .then().statusCode(200).extract().path("body");
        org.junit.jupiter.api.Assertions.assertEquals(csv.length(), echoed.length());
    }

    @Test
    void aPathNothingServesIsNotFoundProblemDetails() {
        given().get("/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void dotSegmentsCannotLeaveTheRouteTheGatewayChecked() {
        // The path is forwarded as routed (normalised), so what the service sees is what the gateway authorised.
        given().urlEncodingEnabled(false).get("/api/membership/public/../public/echo").then().statusCode(200)
                .body("uri", equalTo("/api/membership/public/echo"));
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
