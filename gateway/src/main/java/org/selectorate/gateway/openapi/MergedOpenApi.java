package org.selectorate.gateway.openapi;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.selectorate.gateway.routing.GatewayConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One OpenAPI document for the whole platform at {@code /q/openapi}: the services' documents merged,
 * fetched live so it always describes what is running. A service that does not answer is listed in
 * {@code x-unavailable} instead of failing the whole document. Integrators generate their clients from it; its
 * committed copy is {@code docs/openapi.json}, which the end-to-end tests hold it to.
 */
@ApplicationScoped
public class MergedOpenApi {
    /**
     * The contract's version: a change that would break a generated client needs a new one, with an entry in
     * {@code docs/openapi-changelog.md}.
     */
    public static final String VERSION = "0.5.0";

    private final GatewayConfig config;
    private final WebClient client;
    private final String guide;

    public MergedOpenApi(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = WebClient.create(vertx);
        this.guide = resource("openapi/guide.md");
    }

    void routes(@Observes Router router) {
        router.get("/q/openapi").handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        merged().subscribe().with(
                doc -> ctx.response().putHeader("Content-Type", "application/json").end(doc.encodePrettily()),
                ctx::fail);
    }

    public Uni<JsonObject> merged() {
        Map<String, URI> routes = new TreeMap<>(config.routes());
        return Multi.createFrom().iterable(routes.entrySet())
                .onItem().transformToUniAndConcatenate(route -> fetch(route.getKey(), route.getValue()))
                .collect().in(this::skeleton, MergedOpenApi::merge);
    }

    private Uni<Map.Entry<String, JsonObject>> fetch(String name, URI base) {
        return client.getAbs(base.resolve("/q/openapi?format=json").toString())
                .timeout(Duration.ofSeconds(5).toMillis())
                .send()
                .map(r -> r.statusCode() == 200 ? r.bodyAsJsonObject() : null)
                .onFailure().recoverWithNull()
                .map(doc -> Map.entry(name, doc == null ? new JsonObject() : doc));
    }

    private JsonObject skeleton() {
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject()
                        .put("title", "Selectorate API")
                        .put("description", guide)
                        .put("version", VERSION))
                .put("servers", new JsonArray().add(new JsonObject().put("url", "/")))
                .put("paths", new JsonObject())
                .put("components", new JsonObject()
                        .put("schemas", new JsonObject())
                        .put("securitySchemes", new JsonObject()))
                .put("tags", new JsonArray())
                .put("x-unavailable", new JsonArray());
    }

    static void merge(JsonObject into, Map.Entry<String, JsonObject> service) {
        if (service.getValue().isEmpty()) {
            into.getJsonArray("x-unavailable").add(service.getKey());
            return;
        }
        JsonObject doc = distinctSchemas(into, service.getKey(), service.getValue());
        // Each service owns a distinct /api/<name> prefix, so paths never collide.
        JsonObject paths = into.getJsonObject("paths");
        doc.getJsonObject("paths", new JsonObject()).forEach(p -> paths.put(p.getKey(), p.getValue()));
        JsonObject components = doc.getJsonObject("components", new JsonObject());
        for (String part : new String[]{"schemas", "securitySchemes"}) {
            JsonObject target = into.getJsonObject("components").getJsonObject(part);
            components.getJsonObject(part, new JsonObject()).forEach(c -> {
                if (!target.containsKey(c.getKey())) {
                    target.put(c.getKey(), c.getValue());
                }
            });
        }
        // A capability several services share (audit, caller, papers) is one tag, its descriptions joined.
        JsonArray tags = into.getJsonArray("tags");
        doc.getJsonArray("tags", new JsonArray()).stream().map(JsonObject.class::cast).forEach(tag -> {
            JsonObject same = tags.stream().map(JsonObject.class::cast)
                    .filter(t -> t.getString("name").equals(tag.getString("name"))).findFirst().orElse(null);
            if (same == null) {
                tags.add(tag.copy());
            } else if (tag.getString("description") != null
                    && !tag.getString("description").equals(same.getString("description"))) {
                String joined = same.getString("description") == null ? tag.getString("description")
                        : same.getString("description") + "; " + tag.getString("description");
                same.put("description", joined);
            }
        });
    }

    /**
     * The service's document with each schema whose name another service already gave a different schema renamed
     * after the route ({@code Branch} of route {@code ballots}: {@code BallotsBranch}), its references with it; the
     * same schema under the same name (the problem details, the caller) stays one.
     */
    private static JsonObject distinctSchemas(JsonObject into, String route, JsonObject doc) {
        JsonObject taken = into.getJsonObject("components").getJsonObject("schemas");
        JsonObject schemas = schemas(doc);
        String text = doc.encode();
        String prefix = Character.toUpperCase(route.charAt(0)) + route.substring(1);
        for (String name : schemas.fieldNames()) {
            if (taken.containsKey(name) && !taken.getValue(name).equals(schemas.getValue(name))) {
                String ref = "\"#/components/schemas/";
                text = text.replace(ref + name + "\"", ref + prefix + name + "\"");
            }
        }
        JsonObject renamed = new JsonObject(text);
        JsonObject out = schemas(renamed);
        for (String name : schemas.fieldNames()) {
            if (taken.containsKey(name) && !taken.getValue(name).equals(schemas.getValue(name))) {
                out.put(prefix + name, out.remove(name));
            }
        }
        return renamed;
    }

    private static JsonObject schemas(JsonObject doc) {
        return doc.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
    }

    private static String resource(String name) {
        try (InputStream in = MergedOpenApi.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the gateway's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
