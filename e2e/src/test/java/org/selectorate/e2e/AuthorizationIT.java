package org.selectorate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.selectorate.cli.demo.Api;
import org.selectorate.cli.demo.DemoSelection;
import org.selectorate.cli.demo.Mailbox;
import org.selectorate.devstack.Stack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks every operation of the merged OpenAPI document (the platform's own statement of who may call what) with
 * every role, without a token, and in and out of the caller's area, and checks the answer against the documented
 * rule. An operation that documents no rule — neither roles nor a public path — fails the build, so a new endpoint
 * cannot slip in unguarded.
 * <p>
 * The rule: an operation lists the roles that may call it (its security requirement's scopes; an empty list means
 * any signed-in caller), or it is anonymous and sits under a {@code /public/} path. Without a token a guarded
 * operation answers 401; with a role it does not list, 403; an area-scoped caller (every role but HQ; the demo
 * integration's area is walked by IntegrationClientIT) reaching a selection, ballot or constituency outside their area gets 403 or 404
 * (a write whose empty body is refused first, 400 or 422: nothing changes either way); inside their area a read is
 * answered (2xx, or 404/409 when the resource is not in that state). A public operation never answers 401 (a
 * capability in its URL, such as an acknowledgement token, may still be refused with 403).
 */
@ExtendWith(RunningPlatform.class)
class AuthorizationIT {
    /** Demo users, each scoped to region NW / constituency NW-001 (hq: everywhere). */
    private static final List<String> USERS = List.of("hq", "regional", "secretary", "committee", "scrutineer", "candidate", "member");
    /**
     * Callers the area walk leaves out: hq acts everywhere; the demo integration covers region DEMO, neither fixture's
     * area (IntegrationClientIT takes it in and out of its area).
     */
    private static final Set<String> NATIONAL = Set.of("hq", "integration");
    private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    private static final Map<String, String> tokens = new LinkedHashMap<>();
    private static final Map<String, Set<String>> rolesOf = new LinkedHashMap<>();
    private static Fixture inside;
    private static Fixture outside;
    private static JsonNode openapi;

    /** A selection with a ballot in one area. */
    private record Fixture(String constituency, String selectionId, String ballotId) {
    }

    @BeforeAll
    static void fixtures() throws Exception {
        Stack stack = RunningPlatform.devstack().stack();
        Api api = new Api(stack.gatewayUrl(), stack.issuer(), stack.clientSecret(Stack.SERVICES_CLIENT));
        for (String user : USERS) {
            tokens.put(user, Tokens.password(user));
        }
        tokens.put("integration", Tokens.clientCredentials());
        rolesOf.put("hq", Set.of("hq-admin"));
        rolesOf.put("regional", Set.of("regional-admin"));
        rolesOf.put("secretary", Set.of("procedures-secretary"));
        rolesOf.put("committee", Set.of("committee-member"));
        rolesOf.put("scrutineer", Set.of("scrutineer"));
        rolesOf.put("candidate", Set.of("candidate"));
        rolesOf.put("member", Set.of("member"));
        rolesOf.put("integration", Set.of("integration"));

        DemoSelection demo = new DemoSelection(api, new Mailbox(stack.mailApiUrl()), tokens.get("hq"), System.out::println);
        inside = fixture(api, demo, "NW", "NW-001");
        String region = "Z" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        outside = fixture(api, demo, region, region + "-001");
        openapi = new ObjectMapper().readTree(given().baseUri(stack.gatewayUrl()).get("/q/openapi?format=json").asString());
    }

    private static Fixture fixture(Api api, DemoSelection demo, String region, String constituency) {
        DemoSelection.Prepared p = demo.prepare(region, constituency, 6, List.of("Alex Rivera", "Bilal Chaudhry"), 5,
                List.of(), Map.of());
        String ballotId = api.post(tokens.get("hq"), "/api/ballots/selections/" + p.selectionId() + "/ballots",
                Map.of("closesAt", Instant.now().plus(Duration.ofHours(3)).toString())).expect(201).json().get("id").asText();
        return new Fixture(constituency, p.selectionId(), ballotId);
    }

    /** One documented operation. */
    private record Operation(String method, String path, Set<String> roles, boolean anonymous, String contentType) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private static List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                JsonNode security = op.getValue().path("security");
                Set<String> roles = null;
                boolean anonymous = false;
                if (security.isArray() && security.isEmpty()) {
                    anonymous = true; // security: [] states "no authentication"
                } else if (security.isArray()) {
                    roles = new LinkedHashSet<>();
                    for (JsonNode requirement : security) {
                        Set<String> into = roles;
                        requirement.elements().forEachRemaining(scopes -> scopes.forEach(r -> into.add(r.asText())));
                    }
                }
                Iterator<String> types = op.getValue().path("requestBody").path("content").fieldNames();
                all.add(new Operation(op.getKey(), path.getKey(), roles, anonymous,
                        types.hasNext() ? types.next() : "application/json"));
            }
        }
        return all;
    }

    @Test
    void everyOperationDocumentsWhoMayCallItAndKeepsToIt() {
        List<String> violations = new ArrayList<>();
        List<Operation> operations = operations();
        for (Operation op : operations) {
            boolean isPublic = op.path().contains("/public/");
            if (op.roles() == null && !isPublic) {
                violations.add(op + ": documents no rule (no security requirement, not a /public/ path)");
                continue;
            }
            String path = fill(op.path(), inside);
            if (op.roles() == null || op.anonymous()) {
                int status = call(op, path, null).statusCode();
                if (status == 401 || status >= 500) {
                    violations.add(op + ": public, but anonymous got " + status);
                }
                continue;
            }
            int anonymous = call(op, path, null).statusCode();
            if (anonymous != 401) {
                violations.add(op + ": without a token got " + anonymous + ", not 401");
            }
            for (var caller : rolesOf.entrySet()) {
                boolean allowed = op.roles().isEmpty() || op.roles().stream().anyMatch(caller.getValue()::contains);
                if (allowed) {
                    continue;
                }
                int status = call(op, path, tokens.get(caller.getKey())).statusCode();
                if (status != 403) {
                    violations.add(op + ": " + caller.getKey() + " is not among " + op.roles() + " but got " + status);
                }
            }
        }
        System.out.printf("authorization walk: %d operations x %d callers and no token%n", operations.size(), rolesOf.size());
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void areaScopedCallersReachOnlyTheirOwnArea() {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Operation op : operations()) {
            if (op.roles() == null || op.roles().isEmpty() || !scoped(op.path())) {
                continue;
            }
            for (var caller : rolesOf.entrySet()) {
                if (NATIONAL.contains(caller.getKey()) || op.roles().stream().noneMatch(caller.getValue()::contains)) {
                    continue;
                }
                checked++;
                int out = call(op, fill(op.path(), outside), tokens.get(caller.getKey())).statusCode();
                boolean refusedBody = !op.method().equals("get") && (out == 400 || out == 422);
                if (out != 403 && out != 404 && !refusedBody) {
                    violations.add(op + ": " + caller.getKey() + " (area NW / NW-001) reached another area's resource: " + out);
                }
                if (op.method().equals("get")) {
                    int in = call(op, fill(op.path(), inside), tokens.get(caller.getKey())).statusCode();
                    if (!(in / 100 == 2 || in == 404 || in == 409)) {
                        violations.add(op + ": " + caller.getKey() + " was refused in their own area: " + in);
                    }
                }
            }
        }
        System.out.printf("area walk: %d (operation, caller) pairs in and out of area%n", checked);
        assertTrue(checked > 20, "the walk must reach the area-scoped operations");
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    /** Paths that name a selection, ballot or constituency: their answer depends on the caller's area. */
    private static boolean scoped(String path) {
        return path.contains("{id}") || path.contains("{ballotId}") || path.contains("{code}");
    }

    /** The path with the fixture's ids: {id} is a ballot under /ballots/ballots/, else a selection. */
    private static String fill(String template, Fixture f) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "id" -> template.startsWith("/api/ballots/ballots/") ? f.ballotId() : f.selectionId();
                case "ballotId" -> f.ballotId();
                case "code" -> f.constituency();
                case "name" -> "Alex Rivera";
                case "number" -> "M000001";
                case "tracker" -> "0000000000000000";
                case "step" -> "trigger";
                default -> UUID.randomUUID().toString();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value.replace(" ", "%20")));
        }
        return m.appendTail(out).toString();
    }

    private static Response call(Operation op, String path, String token) {
        RequestSpecification request = given().baseUri(RunningPlatform.devstack().stack().gatewayUrl())
                .urlEncodingEnabled(false).redirects().follow(false);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (!op.method().equals("get") && !op.method().equals("delete")) {
            request.contentType(op.contentType()).body(op.contentType().contains("json") ? "{}" : "");
        }
        return request.request(op.method().toUpperCase(), path);
    }
}
