package org.selectorate.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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

import java.io.CharConversionException;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

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

    /**
     * Bytes that are not text in the encoding the JSON reader detected from them (three NULs first read as UTF-32,
     * then an impossible code point): a checked exception of its own, which would otherwise leave as a bare 500.
     */
    @ServerExceptionMapper
    public Response undecodable(CharConversionException e, UriInfo uri) {
        return respond(Problem.of(400, "unreadable-body", "The request body is not valid JSON", e.getMessage()), uri);
    }

    /**
     * JSON of the wrong shape (a number where an object was expected, a list where a text was): mapped here, ahead
     * of Quarkus's own mapper for it, which answers an empty 400 outside dev mode.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        Problem problem = Problem.of(400, "unreadable-body", "The request body does not have the expected shape",
                e.getOriginalMessage());
        return respond(field.isEmpty() ? problem : problem.withErrors(List.of(field + ": wrong type")), uri);
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
        Problem refused = concurrent(e);
        if (refused == null) {
            refused = unstorable(e);
        }
        if (refused != null) {
            return respond(refused, uri);
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
        String state = sqlState(e);
        return state == null ? null : switch (state) {
            case "23505" -> Problem.of(409, "already-exists", "Already exists",
                    "another request created the same thing at the same moment; nothing was changed by this one");
            case "40001", "40P01" -> Problem.of(409, "concurrent-change", "Changed at the same time",
                    "another request changed the same thing at the same moment; nothing was changed: try again");
            default -> null;
        };
    }

    /**
     * A value from the request that the database would not take as given: text with NUL (PostgreSQL's text cannot
     * hold it), or text where a number, date or id was expected, or one longer than its column. Services validate
     * what they know of; this keeps whatever slips past a 400, not a 500. Nothing was changed: the statement failed.
     */
    static Problem unstorable(Throwable e) {
        String state = sqlState(e);
        String detail = state == null ? null : switch (state) {
            case "22021", "22P05" -> "a text value holds a character that cannot be stored, such as NUL";
            case "22P02", "22003", "22007", "22008" -> "a value is not of the type or range expected";
            case "22001" -> "a value is longer than allowed";
            default -> null;
        };
        return detail == null ? null : Problem.of(400, "invalid-request", "The request is invalid", detail);
    }

    /** The SQLSTATE of the database error behind {@code e}, however deep it is wrapped. */
    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Straight from the reactive client, or converted by Hibernate Reactive into JDBC's exception.
            String state = t instanceof PgException pg ? pg.getSqlState()
                    : t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null) {
                return state;
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
