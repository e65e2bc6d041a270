package org.selectorate.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;

/** Every error leaves a service as RFC 9457 problem details. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<String> errors = e.getConstraintViolations().stream()
                .map(v -> leaf(v.getPropertyPath().toString()) + ": " + v.getMessage())
                .sorted()
                .toList();
        return respond(Problem.of(400, "invalid-request", "The request is invalid",
                errors.size() + " field(s) are invalid").withErrors(errors), uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(400, "unreadable-body", "The request body is not valid JSON",
                e.getOriginalMessage()), uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return respond(Problem.of(401, "unauthorized", "Authentication required",
                "send a valid bearer token"), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden",
                "your role does not allow this action"), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, "http-" + status, title, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        Problem concurrent = concurrent(e);
        if (concurrent != null) {
            return respond(concurrent, uri);
        }
        LOG.error("unexpected error", e);
        return respond(Problem.of(500, "internal-error", "Internal error",
                "the request failed; nothing was changed"), uri);
    }

    /**
     * A request that lost a race with another one changing the same thing: the database refused it (a unique key
     * another request took first, or a transaction it could not serialise) and rolled it back. Services check
     * before they write, so only two requests at the same moment get here; it is the caller's conflict, not a fault.
     */
    static Problem concurrent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Straight from the reactive client, or converted by Hibernate Reactive into JDBC's exception.
            String state = t instanceof PgException pg ? pg.getSqlState()
                    : t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null) {
                return switch (state) {
                    case "23505" -> Problem.of(409, "already-exists", "Already exists",
                            "another request created the same thing at the same moment; nothing was changed by this one");
                    case "40001", "40P01" -> Problem.of(409, "concurrent-change", "Changed at the same time",
                            "another request changed the same thing at the same moment; nothing was changed: try again");
                    default -> null;
                };
            }
        }
        return null;
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(URI.create(uri.getRequestUri().getRawPath())))
                .build();
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
