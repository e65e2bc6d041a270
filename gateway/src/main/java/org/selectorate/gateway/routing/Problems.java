package org.selectorate.gateway.routing;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** RFC 9457 problem details for errors raised by the gateway itself. */
public final class Problems {
    private Problems() {
    }

    public static void send(RoutingContext ctx, int status, String slug, String title, String detail) {
        JsonObject problem = new JsonObject()
                .put("type", "https://selectorate.org/problems/" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.normalizedPath());
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(problem.encode());
    }
}
