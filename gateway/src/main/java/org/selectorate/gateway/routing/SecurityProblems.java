package org.selectorate.gateway.routing;

import io.quarkus.security.ForbiddenException;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A token without a platform role is refused with RFC 9457 problem details, like every other error.
 * (A missing or invalid token gets the standard RFC 6750 bearer challenge: 401 with WWW-Authenticate.)
 */
@ApplicationScoped
public class SecurityProblems {
    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            Throwable failure = ctx.failure();
            if (failure instanceof ForbiddenException) {
                Problems.send(ctx, 403, "forbidden", "Forbidden", "your token carries none of the platform's roles");
            } else {
                ctx.next();
            }
        });
    }
}
