package org.selectorate.gateway.routing;

import io.quarkus.security.ForbiddenException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Errors the gateway raises itself leave it as RFC 9457 problem details, like every service's: a token without a
 * platform role, and a request refused before it is forwarded (a body over the limit, a malformed request).
 * A missing or invalid token gets the standard RFC 6750 bearer challenge instead: 401 with WWW-Authenticate.
 */
@ApplicationScoped
public class FailureProblems {
    private final GatewayConfig config;

    public FailureProblems(GatewayConfig config) {
        this.config = config;
    }

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.failure() instanceof ForbiddenException) {
                Problems.send(ctx, 403, "forbidden", "Forbidden", "your token carries none of the platform's roles");
                return;
            }
            switch (ctx.statusCode()) {
                case 413 -> Problems.send(ctx, 413, "body-too-large", "Request body too large", tooLarge(config));
                case 404 -> OriginForm.notFound(ctx);
                case 400 -> Problems.send(ctx, 400, "bad-request", "Bad request", "the request could not be read");
                case 415 -> Problems.send(ctx, 415, "unsupported-media-type", "Unsupported media type",
                        "the body's Content-Type cannot be read");
                default -> ctx.next();
            }
        });
    }

    static String tooLarge(GatewayConfig config) {
        return "the gateway forwards bodies of at most " + config.maxBodyMegabytes() + " MB";
    }
}
