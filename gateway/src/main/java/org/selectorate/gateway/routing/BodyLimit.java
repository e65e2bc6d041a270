package org.selectorate.gateway.routing;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A body announced larger than the gateway forwards is refused with 413 problem details before it is read: a members
 * import up to {@code import-max-megabytes}, any other up to {@code max-body-megabytes}. Quarkus would refuse one over
 * the import limit too ({@code quarkus.http.limits.max-body-size}, set to it), but with an empty body; a body sent
 * without a length is stopped when it passes its limit, by the proxy's body handler ({@link FailureProblems}) or
 * while an import streams ({@link RollImports}).
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
        long importLimit = RollImports.limitBytes(config);
        filters.register(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            boolean rollImport = length != null && RollImports.matches(ctx);
            if (length != null && tooLong(length, rollImport ? importLimit : limit)) {
                ctx.response().putHeader("Connection", "close");
                Problems.send(ctx, 413, "body-too-large", "Request body too large",
                        rollImport ? RollImports.tooLarge(config) : FailureProblems.tooLarge(config));
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
