package org.selectorate.support.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.selectorate.support.audit.AuditResource;
import org.selectorate.support.problem.Problem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes each service's OpenAPI document a contract a generated client can use, at build time, the same way in every
 * service: each operation names its security (the bearer token and the roles it needs, or {@code security: []} where
 * the path is anonymous, {@code /api/<service>/public/**}) and its errors, all RFC 9457 problem details. It fails the
 * build if an operation has no {@code operationId} or shares one: the ids are written by hand in
 * {@code @Operation(operationId = ...)}, since a generated client's method names must not move when a Java method is
 * renamed. It also fails it where a success (but 204) documents no body, or a body's schema has a leaf without an
 * example ({@link BodyExamples}).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ContractFilter implements OASFilter {
    /** The security scheme's name ({@code quarkus.smallrye-openapi.security-scheme-name}). */
    public static final String SCHEME = "oidc";
    static final String PROBLEM_SCHEMA = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM_SCHEMA, problemSchema());
        List<String> missing = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        Map<String, PathItem> paths = new TreeMap<>(openAPI.getPaths().getPathItems());
        paths.forEach((path, item) -> item.getOperations().forEach((method, op) -> {
            String where = method + " " + path;
            String id = operationId(path, op.getOperationId());
            if (id == null) {
                missing.add(where);
            } else {
                op.setOperationId(id);
                String other = ids.putIfAbsent(id, where);
                if (other != null) {
                    duplicates.add(id + " (" + other + ", " + where + ")");
                }
            }
            boolean anonymous = path.matches("/api/[^/]+/public/.*");
            security(op, anonymous);
            responses(op, method, anonymous, hasParameters(item, op), hasPathParameters(item, op));
        }));
        if (!missing.isEmpty() || !duplicates.isEmpty()) {
            throw new IllegalStateException("every operation needs its own @Operation(operationId = ...): missing on "
                    + missing + "; shared: " + duplicates);
        }
        Set<String> withoutContent = BodyExamples.withoutContent(openAPI);
        if (!withoutContent.isEmpty()) {
            throw new IllegalStateException("every success but 204 needs its body documented (@APIResponse with "
                    + "content, where the method returns a Response): none on " + withoutContent);
        }
        Set<String> withoutExamples = BodyExamples.missing(openAPI);
        if (!withoutExamples.isEmpty()) {
            throw new IllegalStateException("every leaf of a request or response body needs an example "
                    + "(@Schema(example = ...) on the record component): none on " + withoutExamples);
        }
    }

    /** The audit log is one inherited method in every service: its id is made the service's own from its path. */
    static String operationId(String path, String declared) {
        if (declared == null || declared.isBlank()) {
            return null;
        }
        if (!declared.equals(AuditResource.OPERATION_ID)) {
            return declared;
        }
        String service = path.split("/")[2];
        return "get" + Character.toUpperCase(service.charAt(0)) + service.substring(1) + "AuditLog";
    }

    /**
     * Anonymous paths say so ({@code security: []}); every other operation needs the bearer token, with the roles
     * Quarkus read from {@code @RolesAllowed} (none listed: any of the platform's roles, as the gateway requires).
     */
    private static void security(Operation op, boolean anonymous) {
        List<String> roles = new ArrayList<>();
        if (op.getSecurity() != null) {
            op.getSecurity().forEach(requirement -> requirement.getSchemes().values().forEach(roles::addAll));
        }
        String note;
        if (anonymous) {
            op.setSecurity(new ArrayList<>());
            note = "**Anonymous**: no token; limited per client address at the gateway (429 with `Retry-After`).";
        } else {
            SecurityRequirement requirement = OASFactory.createSecurityRequirement().addScheme(SCHEME, roles);
            op.setSecurity(new ArrayList<>(List.of(requirement)));
            note = roles.isEmpty() ? "**Roles**: any of the platform's roles."
                    : "**Roles**: " + String.join(", ", roles) + ".";
        }
        String description = op.getDescription();
        op.setDescription(description == null || description.isBlank() ? note : description + "\n\n" + note);
    }

    /**
     * Every error is problem details: the responses the resource declared get that content, and those any such
     * operation can get are added (a bad request where it takes input, 401 and 403 where it needs a token, 404 where
     * its path names something, 409 where it changes something, 429 where it is anonymous, and the rest as default).
     */
    private static void responses(Operation op, PathItem.HttpMethod method, boolean anonymous, boolean input,
                                  boolean names) {
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        op.setResponses(responses);
        if (input || op.getRequestBody() != null) {
            problem(responses, "400", "The request is invalid: `errors` lists each bad field");
        }
        if (!anonymous) {
            problem(responses, "401", "No valid bearer token");
            problem(responses, "403", "The token's roles or areas do not allow this");
        }
        if (names) {
            problem(responses, "404", "Not found, or not in the caller's area");
        }
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
            problem(responses, "409", "Refused by the current state; nothing was changed (`type` says why)");
        }
        if (anonymous) {
            problem(responses, "429", "Too many requests from this address");
            responses.getAPIResponse("429").addHeader("Retry-After", retryAfter());
        }
        problem(responses, APIResponses.DEFAULT, "Any other error (413 body too large, 500, 502, 503, 504)");
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5") || code.equals(APIResponses.DEFAULT)) {
                response.setContent(problemContent());
            }
        });
    }

    private static void problem(APIResponses responses, String code, String description) {
        APIResponse existing = responses.getAPIResponse(code);
        if (existing == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        } else if (existing.getDescription() == null || existing.getDescription().isBlank()
                || existing.getDescription().startsWith("Not ")) {
            // Quarkus's own "Not Authorized" / "Not Allowed" say less than ours.
            existing.setDescription(description);
        }
    }

    private static boolean hasParameters(PathItem item, Operation op) {
        return !parameters(item, op).isEmpty();
    }

    private static boolean hasPathParameters(PathItem item, Operation op) {
        return parameters(item, op).stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
    }

    private static List<Parameter> parameters(PathItem item, Operation op) {
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            all.addAll(op.getParameters());
        }
        return all;
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    private static Header retryAfter() {
        return OASFactory.createHeader().description("Whole seconds until this address is admitted again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
    }

    /** {@link Problem} as it is written: RFC 9457's members, and {@code errors} for each bad field or row. */
    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema uri = OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri");
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details, sent as `application/problem+json` with every error")
                .addProperty("type", uri.description("What went wrong: https://selectorate.org/problems/<slug>"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("A short summary of the type"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("The HTTP status code"))
                .addProperty("detail", text.description("What went wrong with this request"))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .format("uri-reference")
                        .description("The request's path"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                        .description("Each bad field or row, so a caller can fix them all at once"))
                .required(List.of("type", "title", "status"))
                .examples(List.of(example()));
    }

    /** In the order RFC 9457 lists the members, so the document reads the same at every build. */
    private static Object example() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "https://selectorate.org/problems/forbidden");
        example.put("title", "Forbidden");
        example.put("status", 403);
        example.put("detail", "the selection is outside your area");
        example.put("instance", "/api/ballots/selections/0b1e4c9a-4f6e-4c1e-9a8d-3f2b7c6d5e4f");
        return example;
    }
}
