package org.selectorate.support.problem;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProblemMappersTest {
    @Test
    void aUniqueKeyTakenByAConcurrentRequestIsAConflictHoweverDeepItIsWrapped() {
        PgException pg = new PgException("duplicate key value violates unique constraint \"region_pkey\"", "ERROR",
                "23505", "Key (code)=(NW) already exists.");
        Problem problem = ProblemMappers.concurrent(new CompletionException(new IllegalStateException("flush", pg)));
        assertEquals(409, problem.status());
        assertEquals("already-exists", slug(problem));
    }

    @Test
    void hibernateReactivesJdbcFormOfItIsTheSameConflict() {
        var converted = new org.hibernate.exception.ConstraintViolationException("could not execute statement",
                new SQLException("duplicate key value violates unique constraint", "23505"), "region_pkey");
        assertEquals("already-exists", slug(ProblemMappers.concurrent(new CompletionException(converted))));
    }

    @Test
    void aSerialisationFailureOrDeadlockIsAConflictToRetry() {
        assertEquals("concurrent-change", slug(ProblemMappers.concurrent(new PgException("could not serialize", "ERROR",
                "40001", null))));
        assertEquals("concurrent-change", slug(ProblemMappers.concurrent(new PgException("deadlock detected", "ERROR",
                "40P01", null))));
    }

    @Test
    void otherDatabaseErrorsStayInternal() {
        assertNull(ProblemMappers.concurrent(new PgException("relation does not exist", "ERROR", "42P01", null)));
        assertNull(ProblemMappers.concurrent(new IllegalStateException("no database involved")));
    }

    @Test
    void aValueTheDatabaseCannotTakeIsTheCallersBadRequest() {
        for (String state : new String[]{"22021", "22P05", "22P02", "22003", "22007", "22008", "22001"}) {
            Problem problem = ProblemMappers.unstorable(new CompletionException(
                    new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", state, null)));
            assertEquals(400, problem.status(), state);
            assertEquals("invalid-request", slug(problem), state);
        }
        assertNull(ProblemMappers.unstorable(new PgException("division by zero", "ERROR", "22012", null)),
                "a data error of the service's own making stays internal");
        assertNull(ProblemMappers.unstorable(new IllegalStateException("no database involved")));
    }

    private static String slug(Problem problem) {
        String type = problem.type().toString();
        return type.substring(type.lastIndexOf('/') + 1);
    }
}
