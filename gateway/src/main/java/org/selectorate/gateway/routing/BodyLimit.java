package org.selectorate.gateway.routing;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A body announced larger than the gateway forwards is refused with 413 problem details before it is read. Quarkus
 * would refuse it too ({@code quarkus.http.limits.max-body-size}, set to the same size), but with an empty body; a
 * body sent without a length is stopped by the proxy's body handler when it passes the limit ({@link FailureProblems}).
 */
@ApplicationScoped
public class BodyLimit {
    /** Ahead of Quarkus's own check, a route of order -2 (a filter's priority is its negated route order). */
    static final int PRIORITY = 800;

    private final GatewayConfig config;

    public BodyLimit(GatewayConfig config) {
        this.config = config;
    }

    void filters(@Observes Filters filters) {
        long limit = config.maxBodyMegabytes() * 1024L * 1024L;
        filters.register(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && tooLong(length, limit)) {
                ctx.response().putHeader("Connection", "close");
                Problems.send(ctx, 413, "body-too-large", "Request body too large", FailureProblems.tooLarge(config));
            } else {
                ctx.next();
            }
        }, PRIORITY);
    }

    /** Over the limit, or a length no body can have (the HTTP codec refuses those before us, as a rule). */
    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
