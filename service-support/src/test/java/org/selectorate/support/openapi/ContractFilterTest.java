package org.selectorate.support.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractFilterTest {
    private final ContractFilter filter = new ContractFilter();

    @Test
    void anAnonymousOperationSaysSoAndMayBeRateLimited() {
        Operation cast = operation("castVote");
        filter.filterOpenAPI(document(Map.of("/api/tally/public/ballots/{ballotId}/casts", cast)));

        assertEquals(List.of(), cast.getSecurity());
        assertTrue(cast.getDescription().contains("**Anonymous**"), cast.getDescription());
        assertNull(cast.getResponses().getAPIResponse("401"));
        assertNotNull(cast.getResponses().getAPIResponse("429").getHeaders().get("Retry-After"));
        assertProblem(cast, "400");
        assertProblem(cast, "404");
        assertProblem(cast, "409");
        assertProblem(cast, "default");
    }

    @Test
    void anOperationNeedingATokenNamesItsRolesAndItsErrors() {
        Operation get = operation("getTurnout");
        get.setSecurity(List.of(OASFactory.createSecurityRequirement()
                .addScheme(ContractFilter.SCHEME, List.of("hq-admin", "scrutineer"))));
        filter.filterOpenAPI(document(Map.of("/api/ballots/ballots/{id}/turnout", get)));

        assertEquals(List.of("hq-admin", "scrutineer"), get.getSecurity().get(0).getScheme(ContractFilter.SCHEME));
        assertTrue(get.getDescription().endsWith("**Roles**: hq-admin, scrutineer."), get.getDescription());
        assertProblem(get, "401");
        assertProblem(get, "403");
        assertNull(get.getResponses().getAPIResponse("409"), "a read changes nothing");
        assertNull(get.getResponses().getAPIResponse("429"));
    }

    @Test
    void theInheritedAuditLogIsNamedAfterEachService() {
        assertEquals("getMembershipAuditLog", ContractFilter.operationId("/api/membership/audit", "getAuditLog"));
        assertEquals("getTallyAuditLog", ContractFilter.operationId("/api/tally/audit", "getAuditLog"));
        assertEquals("castVote", ContractFilter.operationId("/api/tally/public/x", "castVote"));
    }

    @Test
    void aMissingOrSharedOperationIdFailsTheBuild() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> filter.filterOpenAPI(document(Map.of("/api/tally/a/{id}", operation(null)))));
        assertTrue(missing.getMessage().contains("GET /api/tally/a/{id}"), missing.getMessage());

        IllegalStateException shared = assertThrows(IllegalStateException.class, () -> filter.filterOpenAPI(
                document(Map.of("/api/tally/a/{id}", operation("getA"), "/api/tally/b/{id}", operation("getA")))));
        assertTrue(shared.getMessage().contains("getA"), shared.getMessage());
    }

    @Test
    void aBodyLeafWithoutAnExampleFailsTheBuildWhereverItIsReached() {
        Schema uuid = OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid");
        Schema vote = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("ballotId", uuid.example("0b1e4c9a-4f6e-4c1e-9a8d-3f2b7c6d5e4f"))
                .addProperty("spoilt", OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN))
                .addProperty("channel", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .enumeration(List.of("online", "postal")))
                .addProperty("ranking", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        Operation cast = operation("castVote").requestBody(OASFactory.createRequestBody().content(json(
                OASFactory.createSchema().ref("#/components/schemas/Vote"))));
        OpenAPI doc = document(Map.of("/api/tally/public/ballots/{ballotId}/casts", cast));
        doc.components(OASFactory.createComponents().addSchema("Vote", vote));

        IllegalStateException none = assertThrows(IllegalStateException.class, () -> filter.filterOpenAPI(doc));
        assertTrue(none.getMessage().endsWith("none on [Vote.ranking[]]"), none.getMessage());

        vote.getProperties().get("ranking").example(List.of("Asha Patel", "Tom Reid"));
        filter.filterOpenAPI(doc);
        assertEquals(Set.of(), BodyExamples.missing(doc));
    }

    @Test
    void aSuccessWithoutABodyFailsTheBuildUnlessItIs204() {
        Operation cast = operation("castVote").responses(OASFactory.createAPIResponses()
                .addAPIResponse("202", OASFactory.createAPIResponse().description("Accepted")));
        OpenAPI doc = document(Map.of("/api/tally/public/ballots/{ballotId}/casts", cast));

        IllegalStateException none = assertThrows(IllegalStateException.class, () -> filter.filterOpenAPI(doc));
        assertTrue(none.getMessage().endsWith("none on [POST /api/tally/public/ballots/{ballotId}/casts 202]"),
                none.getMessage());

        cast.getResponses().getAPIResponse("202").content(json(OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING).example("D05J-DTZS-YG9H-91T9")));
        cast.getResponses().addAPIResponse("204", OASFactory.createAPIResponse().description("Nothing to say"));
        filter.filterOpenAPI(doc);
        assertEquals(Set.of(), BodyExamples.withoutContent(doc));
    }

    private static Content json(Schema schema) {
        return OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType().schema(schema));
    }

    private static void assertProblem(Operation op, String code) {
        assertNotNull(op.getResponses().getAPIResponse(code), code);
        assertEquals("#/components/schemas/Problem", op.getResponses().getAPIResponse(code).getContent()
                .getMediaType("application/problem+json").getSchema().getRef(), code);
    }

    private static Operation operation(String id) {
        return OASFactory.createOperation().operationId(id).summary("something")
                .addParameter(OASFactory.createParameter().name("id").in(Parameter.In.PATH));
    }

    private static OpenAPI document(Map<String, Operation> gets) {
        OpenAPI doc = OASFactory.createOpenAPI().paths(OASFactory.createPaths());
        gets.forEach((path, op) -> {
            // Posts where the path says it changes something: the cast.
            var item = OASFactory.createPathItem();
            if (path.endsWith("/casts")) {
                item.setPOST(op);
            } else {
                item.setGET(op);
            }
            doc.getPaths().addPathItem(path, item);
        });
        return doc;
    }
}
