package org.selectorate.gateway.pages;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The pages and their assets, as built by the web module, served with the security headers, anonymously. */
@QuarkusTest
class PagesTest {

    @Test
    void eachPageIsServedAtItsRouteWithItsOwnScriptAndTheStrictPolicy() {
        for (String page : new String[]{"vote", "record", "roll"}) {
            given().get("/" + page + "/" + UUID.randomUUID()).then().statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", equalTo(Pages.CSP))
                    .header("Referrer-Policy", "no-referrer")
                    .header("Cache-Control", "no-store")
                    .body(containsString("<script type=\"module\" src=\"/assets/" + page + "-page.js\"></script>"))
                    .body(not(containsString("<style")));
            given().get("/assets/" + page + "-page.js").then().statusCode(200)
                    .header("Content-Security-Policy", equalTo(Pages.CSP))
                    .header("X-Content-Type-Options", "nosniff");
        }
        given().get("/assets/style.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void theConsoleNamesTheRealmItLogsInAtAndMayReachThatOriginAlone() {
        String issuer = "http://127.0.0.1:18180/realms/selectorate";
        given().get("/console").then().statusCode(200)
                .header("Content-Security-Policy", equalTo(Pages.CSP.replace("connect-src 'self'",
                        "connect-src 'self' http://127.0.0.1:18180")))
                .body(containsString("<meta name=\"selectorate-oidc-issuer\" content=\"" + issuer + "\">"))
                .body(not(containsString("{{issuer}}")));
    }

    @Test
    void anIdThatIsNotALowerCaseUuidIsNotFoundAsProblemDetails() {
        for (String bad : new String[]{"x", UUID.randomUUID().toString().toUpperCase(), "..%2F..%2Fetc"}) {
            given().get("/vote/" + bad).then().statusCode(404).contentType("application/problem+json");
        }
        given().get("/record").then().statusCode(404);
    }
}
