package org.selectorate.gateway.openapi;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MergedOpenApiTest {

    @Test
    void aSchemaNameTwoServicesUseDifferentlyIsRenamedAfterTheSecondRouteWithItsReferences() {
        JsonObject into = empty();
        MergedOpenApi.merge(into, Map.entry("ballots", service("/api/ballots/branches", "Branch",
                new JsonObject().put("type", "object").put("properties", new JsonObject().put("code", string())))));
        MergedOpenApi.merge(into, Map.entry("membership", service("/api/membership/branches", "Branch",
                new JsonObject().put("type", "object").put("properties", new JsonObject().put("name", string())))));

        JsonObject schemas = into.getJsonObject("components").getJsonObject("schemas");
        assertEquals(string(), schemas.getJsonObject("Branch").getJsonObject("properties").getJsonObject("code"));
        assertEquals(string(),
                schemas.getJsonObject("MembershipBranch").getJsonObject("properties").getJsonObject("name"));
        assertEquals("#/components/schemas/Branch", ref(into, "/api/ballots/branches"));
        assertEquals("#/components/schemas/MembershipBranch", ref(into, "/api/membership/branches"));
    }

    @Test
    void theSameSchemaUnderTheSameNameStaysOneAndASharedTagIsOneWithBothDescriptions() {
        JsonObject into = empty();
        JsonObject problem = new JsonObject().put("type", "object");
        JsonObject ballots = service("/api/ballots/caller", "Problem", problem)
                .put("tags", new JsonArray().add(new JsonObject().put("name", "audit").put("description", "ballots'")));
        JsonObject tally = service("/api/tally/caller", "Problem", problem.copy())
                .put("tags", new JsonArray().add(new JsonObject().put("name", "audit").put("description", "tally's")));
        MergedOpenApi.merge(into, Map.entry("ballots", ballots));
        MergedOpenApi.merge(into, Map.entry("tally", tally));

        assertEquals(1, into.getJsonObject("components").getJsonObject("schemas").size());
        assertEquals("#/components/schemas/Problem", ref(into, "/api/tally/caller"));
        assertEquals(new JsonArray().add(new JsonObject().put("name", "audit").put("description", "ballots'; tally's")),
                into.getJsonArray("tags"));
    }

    private static JsonObject empty() {
        return new JsonObject().put("paths", new JsonObject())
                .put("components", new JsonObject().put("schemas", new JsonObject())
                        .put("securitySchemes", new JsonObject()))
                .put("tags", new JsonArray()).put("x-unavailable", new JsonArray());
    }

    private static JsonObject service(String path, String schema, JsonObject body) {
        JsonObject get = new JsonObject().put("responses", new JsonObject().put("200", new JsonObject()
                .put("content", new JsonObject().put("application/json", new JsonObject()
                        .put("schema", new JsonObject().put("$ref", "#/components/schemas/" + schema))))));
        return new JsonObject().put("paths", new JsonObject().put(path, new JsonObject().put("get", get)))
                .put("components", new JsonObject().put("schemas", new JsonObject().put(schema, body)));
    }

    private static String ref(JsonObject doc, String path) {
        return doc.getJsonObject("paths").getJsonObject(path).getJsonObject("get").getJsonObject("responses")
                .getJsonObject("200").getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema").getString("$ref");
    }

    private static JsonObject string() {
        return new JsonObject().put("type", "string");
    }
}
