package org.selectorate.gateway.routing;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Only origin-form request targets ({@code GET /api/... HTTP/1.1}, RFC 9112 §3.2.1) are served. An absolute-form
 * target ({@code GET http://other-host/...}) is what a client sends to a forward proxy, which the gateway is not;
 * the authority and asterisk forms belong to CONNECT and server-wide OPTIONS, which it does not serve either.
 * Refused before authentication, so every such request gets the same 400, whatever its path.
 */
@ApplicationScoped
public class OriginForm {
    /** Ahead of CORS (300) and authentication (200): a filter's priority is its negated route order. */
    static final int PRIORITY = 1000;

    void filters(@Observes Filters filters) {
        filters.register(ctx -> {
            if (ctx.request().uri().startsWith("/")) {
                ctx.next();
            } else {
                refuse(ctx);
            }
        }, PRIORITY);
    }

    void unrouted(@Observes Router router) {
        router.errorHandler(404, OriginForm::notFound);
    }

    /**
     * Nothing is served here. The router fails a target without a leading slash (the asterisk form,
     * {@code OPTIONS *}) with 404 before any filter sees it: that one is the request target's fault.
     */
    static void notFound(RoutingContext ctx) {
        if (ctx.request().uri().startsWith("/")) {
            Problems.send(ctx, 404, "not-found", "Not found", "nothing is served at this path");
        } else {
            refuse(ctx);
        }
    }

    private static void refuse(RoutingContext ctx) {
        Problems.send(ctx, 400, "request-target", "Request target not served",
                "the gateway serves only its own paths: send the request target as /path?query");
    }
}
