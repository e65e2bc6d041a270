package org.selectorate.tally.caller;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.selectorate.testkit.EmbeddedPlatform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@WithTestResource(EmbeddedPlatform.class)
class CallerResourceTest {

    @Test
    @TestSecurity(user = "scrutineer", roles = "scrutineer")
    void callerSeesTheirRoles() {
        given().get("/api/tally/caller").then().statusCode(200)
                .body("name", equalTo("scrutineer"))
                .body("roles", hasItem("scrutineer"));
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        given().get("/api/tally/caller").then().statusCode(401);
    }

    @Test
    void readinessCoversDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }

    @Test
    void openApiDescribesTheService() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/tally/caller"));
    }
}
