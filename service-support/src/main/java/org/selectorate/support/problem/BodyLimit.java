package org.selectorate.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} gets 413 problem details before it is
 * read. Quarkus refuses it anyway, but with an empty body, in a route no exception mapper sees; this filter runs
 * ahead of that route (order -2) with the same limit.
 */
@ApplicationScoped
public class BodyLimit {
    /** A filter's priority is its negated route order: ahead of Quarkus's check (-2), CORS (-300) and login (-200). */
    static final int PRIORITY = 800;

    private final long limit;
    private final ObjectMapper json;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") String limit,
                     ObjectMapper json) {
        this.limit = new MemorySizeConverter().convert(limit).asLongValue();
        this.json = json;
    }

    void filters(@Observes Filters filters) {
        filters.register(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length == null || !tooLong(length)) {
                ctx.next();
                return;
            }
            Problem problem = Problem.of(413, "body-too-large", "Request body too large",
                    "bodies of at most " + limit + " bytes are accepted here");
            try {
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(json.writeValueAsString(problem));
            } catch (JsonProcessingException e) {
                ctx.fail(e);
            }
        }, PRIORITY);
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
