package org.selectorate.gateway.openapi;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.selectorate.gateway.routing.GatewayConfig;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One OpenAPI document for the whole platform at {@code /q/openapi}: the services' documents merged,
 * fetched live so it always describes what is running. A service that does not answer is listed in
 * {@code x-unavailable} instead of failing the whole document.
 */
@ApplicationScoped
public class MergedOpenApi {
    private final GatewayConfig config;
    private final WebClient client;

    public MergedOpenApi(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = WebClient.create(vertx);
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
                .collect().in(MergedOpenApi::skeleton, MergedOpenApi::merge);
    }

    private Uni<Map.Entry<String, JsonObject>> fetch(String name, URI base) {
        return client.getAbs(base.resolve("/q/openapi?format=json").toString())
                .timeout(Duration.ofSeconds(5).toMillis())
                .send()
                .map(r -> r.statusCode() == 200 ? r.bodyAsJsonObject() : null)
                .onFailure().recoverWithNull()
                .map(doc -> Map.entry(name, doc == null ? new JsonObject() : doc));
    }

    private static JsonObject skeleton() {
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject()
                        .put("title", "Selectorate API")
                        .put("description", "Every service of the platform, behind the gateway.")
                        .put("version", "0.1.0"))
                .put("servers", new io.vertx.core.json.JsonArray().add(new JsonObject().put("url", "/")))
                .put("paths", new JsonObject())
                .put("components", new JsonObject()
                        .put("schemas", new JsonObject())
                        .put("securitySchemes", new JsonObject()))
                .put("tags", new io.vertx.core.json.JsonArray())
                .put("x-unavailable", new io.vertx.core.json.JsonArray());
    }

    private static void merge(JsonObject into, Map.Entry<String, JsonObject> service) {
        JsonObject doc = service.getValue();
        if (doc.isEmpty()) {
            into.getJsonArray("x-unavailable").add(service.getKey());
            return;
        }
        // Each service owns a distinct /api/<name> prefix, so paths never collide.
        doc.getJsonObject("paths", new JsonObject()).forEach(p -> into.getJsonObject("paths").put(p.getKey(), p.getValue()));
        JsonObject components = doc.getJsonObject("components", new JsonObject());
        for (String part : new String[]{"schemas", "securitySchemes"}) {
            JsonObject target = into.getJsonObject("components").getJsonObject(part);
            components.getJsonObject(part, new JsonObject()).forEach(c -> {
                if (!target.containsKey(c.getKey())) {
                    target.put(c.getKey(), c.getValue());
                }
            });
        }
        doc.getJsonArray("tags", new io.vertx.core.json.JsonArray()).forEach(tag -> into.getJsonArray("tags").add(tag));
    }
}
