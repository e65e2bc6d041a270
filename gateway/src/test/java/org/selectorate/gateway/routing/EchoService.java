package org.selectorate.gateway.routing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for a backend service in the gateway's own tests: echoes what reached it, and serves an
 * OpenAPI document and a readiness check, so the proxy and the merge can be checked in isolation.
 */
public class EchoService implements QuarkusTestResourceLifecycleManager {
    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                switch (request.path()) {
                    case "/q/openapi" -> request.response().putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("openapi", "3.1.0")
                                    .put("paths", new JsonObject().put("/api/membership/echo", new JsonObject()))
                                    .put("components", new JsonObject().put("schemas",
                                            new JsonObject().put("Echo", new JsonObject().put("type", "object"))))
                                    .encode());
                    case "/q/health/ready" -> request.response().end("{\"status\":\"UP\"}");
                    default -> request.response().setStatusCode(request.path().endsWith("/missing") ? 404 : 200)
                            .putHeader("Content-Type", "application/json")
                            .end(new JsonObject()
                                    .put("method", request.method().name())
                                    .put("uri", request.uri())
                                    .put("authorization", request.getHeader("Authorization"))
                                    .put("body", body.toString())
                                    .encode());
                }
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.of("selectorate.gateway.routes.membership", url,
                // Nothing listens on port 9: the merge and the home page must report it, not fail.
                "selectorate.gateway.routes.tally", "http://127.0.0.1:9",
                "selectorate.gateway.routes.ballots", url,
                "selectorate.gateway.routes.notifications", url);
    }

    @Override
    public void stop() {
        vertx.close();
    }
}
