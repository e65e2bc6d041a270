package org.selectorate.e2e;

import org.selectorate.devstack.Stack;

import static io.restassured.RestAssured.given;

/** Real tokens from the platform's Keycloak. */
final class Tokens {
    private Tokens() {
    }

    /** Password grant for a demo user (password {@code <user>-demo}). */
    static String password(String user) {
        return given().baseUri(RunningPlatform.devstack().stack().issuer())
                .formParam("grant_type", "password")
                .formParam("client_id", "selectorate-services")
                .formParam("client_secret", Stack.CLIENT_SECRET)
                .formParam("username", user)
                .formParam("password", user + "-demo")
                .post("/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
    }

    static String clientCredentials() {
        return given().baseUri(RunningPlatform.devstack().stack().issuer())
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "selectorate-integration")
                .formParam("client_secret", "selectorate-integration-secret")
                .post("/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
    }
}
