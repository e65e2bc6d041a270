package org.selectorate.gateway.limits;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.selectorate.gateway.routing.EchoService;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limits small enough to reach in a test: the anonymous routes' buckets and the body limit. */
@QuarkusTest
@WithTestResource(EchoService.class)
@TestProfile(GatewayLimitsTest.SmallLimits.class)
class GatewayLimitsTest {
    @Inject
    RateLimiter limiter;

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("selectorate.gateway.rate-limits.credentials.burst", "3",
                    "selectorate.gateway.rate-limits.credentials.per-second", "2",
                    "selectorate.gateway.rate-limits.roll-check.burst", "2",
                    "selectorate.gateway.rate-limits.roll-check.per-second", "0.001",
                    "selectorate.gateway.max-body-megabytes", "1",
                    "selectorate.gateway.import-max-megabytes", "3");
        }
    }

    private static Response redeem() {
        return given().contentType(ContentType.JSON).body("{}")
                .post("/api/ballots/public/ballots/b-1/credentials");
    }

    @Test
    void anEmptyBucketGets429WithRetryAfterAndRefillsAfterTheWait() throws Exception {
        // Whatever earlier requests left in the bucket, it is empty after at most burst + 1 more.
        Response refused = null;
        for (int i = 0; i < 5 && refused == null; i++) {
            Response r = redeem();
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(200, r.statusCode(), "admitted and forwarded");
            }
        }
        assertTrue(refused != null, "the fourth request within the burst is refused");
        refused.then().contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("type", equalTo("https://selectorate.org/problems/too-many-requests"))
                .body("detail", containsString("credentials"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertEquals(1, retryAfter, "one token comes back within half a second at 2 a second");
        assertEquals(429, redeem().statusCode(), "still empty before the wait");

        Thread.sleep(retryAfter * 1000);
        redeem().then().statusCode(200).body("uri", equalTo("/api/ballots/public/ballots/b-1/credentials"));
    }

    @Test
    void groupsHaveTheirOwnBuckets() {
        given().contentType(ContentType.JSON).body("{}").post("/api/membership/public/selections/s/roll/check");
        given().contentType(ContentType.JSON).body("{}").post("/api/membership/public/selections/s/roll/check");
        given().contentType(ContentType.JSON).body("{}").post("/api/membership/public/selections/s/roll/check")
                .then().statusCode(429).header("Retry-After", Long::parseLong, org.hamcrest.Matchers.greaterThan(60L));
        // A lookup is another group, with its own (default) bucket.
        given().get("/api/membership/public/echo").then().statusCode(200);
    }

    @Test
    void bucketsThatFilledUpAgainAreForgotten() throws Exception {
        redeem();
        given().contentType(ContentType.JSON).body("{}").post("/api/membership/public/selections/s/roll/check");
        // At 2 a second, 3 credentials tokens are back within 1.5 s; roll checks barely refill at all.
        Thread.sleep(1600);
        limiter.forgetQuietClients();
        assertEquals(0, limiter.remembered(RouteGroup.CREDENTIALS));
        assertEquals(1, limiter.remembered(RouteGroup.ROLL_CHECK));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void routesThatNeedATokenAreNotLimitedHere() {
        for (int i = 0; i < 10; i++) {
            given().contentType(ContentType.JSON).body("{}").post("/api/ballots/selections/s/credentials")
                    .then().statusCode(200);
        }
    }

    @Test
    void anOversizedBodyIs413ProblemDetails() {
        byte[] body = new byte[1024 * 1024 + 1];
        given().contentType(ContentType.BINARY).body(body).post("/api/membership/public/echo")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://selectorate.org/problems/body-too-large"))
                .body("detail", containsString("1 MB"));
    }

    @Test
    void anOversizedBodySentWithoutALengthIs413ProblemDetailsToo() throws Exception {
        String chunk = "x".repeat(64 * 1024);
        StringBuilder request = new StringBuilder("POST /api/membership/public/echo HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 17; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        String response = org.selectorate.gateway.routing.RawHttp.exchange(io.restassured.RestAssured.port,
                request.toString());
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("application/problem+json"), response);
    }

    private static final String IMPORT = "/api/membership/constituencies/C-1/members";

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aMembersFileOverTheBodyLimitStreamsThroughTheImportRouteAlone() {
        String csv = "x".repeat(2 * 1024 * 1024);
        String echoed = given().contentType("text/csv").body(csv).post(IMPORT + "?acceptValid=true")
                .then().statusCode(200).body("uri", equalTo(IMPORT + "?acceptValid=true"))
                .extract().path("body");
        assertEquals(csv.length(), echoed.length());
        given().contentType("text/csv").body(csv).post("/api/membership/constituencies/C-1/elsewhere")
                .then().statusCode(413).body("detail", containsString("1 MB"));
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aMembersFileSentInChunksIsCountedAsItStreams() throws Exception {
        StringBuilder within = chunked(IMPORT, 40);
        within.append("0\r\n\r\n");
        String response = org.selectorate.gateway.routing.RawHttp.exchange(io.restassured.RestAssured.port,
                within.toString());
        assertTrue(response.startsWith("HTTP/1.1 200"), response);

        StringBuilder over = chunked(IMPORT, 49);
        over.append("0\r\n\r\n");
        response = org.selectorate.gateway.routing.RawHttp.exchange(io.restassured.RestAssured.port, over.toString());
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("application/problem+json"), response);
        assertTrue(response.contains("members files of at most 3 MB"), response);
    }

    @Test
    @TestSecurity(user = "hq", roles = "hq-admin")
    void aMembersFileAnnouncedOverTheImportLimitIs413BeforeItIsRead() {
        byte[] body = new byte[3 * 1024 * 1024 + 1];
        given().contentType("text/csv").body(body).post(IMPORT)
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://selectorate.org/problems/body-too-large"))
                .body("detail", containsString("members files of at most 3 MB"));
    }

    /** {@code chunks} chunks of 64 KiB, unterminated, with no token: TestSecurity stands in for it. */
    private static StringBuilder chunked(String path, int chunks) {
        String chunk = "x".repeat(64 * 1024);
        StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\nContent-Type: text/csv\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < chunks; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return request;
    }
}
