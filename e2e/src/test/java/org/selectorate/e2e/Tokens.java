package org.selectorate.e2e;

import org.selectorate.devstack.Stack;

import static io.restassured.RestAssured.given;

/** Real tokens from the platform's Keycloak. */
final class Tokens {
    private Tokens() {
    }

    /** Password grant for a demo user (password {@code <user>-demo}); client secrets are the platform home's own. */
    static String password(String user) {
        return given().baseUri(RunningPlatform.devstack().stack().issuer())
                .formParam("grant_type", "password")
                .formParam("client_id", Stack.SERVICES_CLIENT)
                .formParam("client_secret", RunningPlatform.devstack().stack().clientSecret(Stack.SERVICES_CLIENT))
                .formParam("username", user)
                .formParam("password", user + "-demo")
                .post("/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
    }

    static String clientCredentials() {
        return given().baseUri(RunningPlatform.devstack().stack().issuer())
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", Stack.INTEGRATION_CLIENT)
                .formParam("client_secret", RunningPlatform.devstack().stack().clientSecret(Stack.INTEGRATION_CLIENT))
                .post("/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
    }
}
