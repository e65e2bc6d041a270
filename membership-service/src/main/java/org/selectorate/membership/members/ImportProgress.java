package org.selectorate.membership.members;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a constituency's members import stands, kept in the database outside the import's own transaction, so that
 * whoever follows it (the console, the CLI, another replica's caller) sees the rows as they are read. One import of a
 * constituency runs at a time; one whose service died is taken over once it has said nothing for ten minutes.
 */
@ApplicationScoped
public class ImportProgress {
    private static final String CLAIM = """
            insert into member_import (constituency, state, accept_valid, rows_read, accepted, rejected, imported,
                                       errors, started_at, updated_at)
            values ($1, 'running', $2, 0, 0, 0, 0, '[]', now(), now())
            on conflict (constituency) do update set state = 'running', accept_valid = excluded.accept_valid,
                rows_read = 0, accepted = 0, rejected = 0, imported = 0, errors = '[]', detail = null,
                file_sha256 = null, started_at = now(), updated_at = now()
            where member_import.state <> 'running' or member_import.updated_at < now() - interval '10 minutes'
            returning constituency
            """;

    private final Pool pool;

    public ImportProgress(Pool pool) {
        this.pool = pool;
    }

    /** An import's state as its caller can read it; {@code imported} and {@code errors} are known at its end. */
    public record Status(@Schema(example = "NW-001") String constituency,
                         @Schema(example = "imported") String state,
                         boolean acceptValid,
                         @Schema(example = "1225") int rows,
                         @Schema(example = "1224") int accepted,
                         @Schema(example = "1") int rejected,
                         @Schema(example = "1224") int imported,
                         List<ImportReport.RowError> errors,
                         @Schema(example = "the header row must name the documented columns: membership_number,"
                                 + "first_name,last_name,email,phone,address,branch,joined,status,arrears")
                         String detail,
                         @Schema(example = "3f5d9c2a7e1b4c8d6a0f2e9b7c5d3a1e8f6b4d2c0a9e7f5b3d1c8a6e4f2b0d9c")
                         String file,
                         @Schema(example = "2026-11-20T10:00:00Z") Instant startedAt,
                         @Schema(example = "2026-11-20T10:00:42Z") Instant updatedAt) {
    }

    /** Starts the constituency's import, or refuses it while another runs. */
    Uni<Void> claim(String constituency, boolean acceptValid) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(constituency, acceptValid)).invoke(rows -> {
            if (rows.rowCount() == 0) {
                throw ProblemException.conflict("import-running", "a members import of " + constituency
                        + " is running; follow it at GET /api/membership/constituencies/" + constituency
                        + "/members/import");
            }
        }).replaceWithVoid();
    }

    Uni<Void> read(String constituency, int rows, int accepted, int rejected) {
        return pool.preparedQuery("""
                        update member_import set rows_read = $2, accepted = $3, rejected = $4, updated_at = now()
                        where constituency = $1 and state = 'running'
                        """)
                .execute(Tuple.of(constituency, rows, accepted, rejected)).replaceWithVoid();
    }

    /** The import's end: {@code imported}, {@code refused} (bad rows, nothing written) or {@code failed}. */
    Uni<Void> end(String constituency, String state, ImportReport report, int accepted, String detail, String file) {
        JsonArray errors = new JsonArray();
        report.errors().forEach(e -> errors.add(new JsonObject().put("line", e.line()).put("field", e.field())
                .put("reason", e.reason())));
        return pool.preparedQuery("""
                        update member_import set state = $2, rows_read = $3, accepted = $4, rejected = $5,
                            imported = $6, errors = $7, detail = $8, file_sha256 = $9, updated_at = now()
                        where constituency = $1 and state = 'running'
                        """)
                .execute(Tuple.tuple().addString(constituency).addString(state).addInteger(report.rows())
                        .addInteger(accepted).addInteger(report.rejected()).addInteger(report.imported())
                        .addValue(errors).addString(detail).addString(file))
                .replaceWithVoid();
    }

    /** The constituency's running or latest import, if the caller's area covers the constituency. */
    public Uni<Status> status(String constituency, Caller caller) {
        return pool.preparedQuery("""
                        select i.*, c.region from member_import i join constituency c on c.code = i.constituency
                        where i.constituency = $1
                        """)
                .execute(Tuple.of(constituency))
                .map(rows -> status(constituency, caller, rows));
    }

    private static Status status(String constituency, Caller caller, RowSet<Row> rows) {
        if (rows.size() == 0) {
            throw ProblemException.notFound("a members import of constituency " + constituency);
        }
        Row row = rows.iterator().next();
        if (!caller.covers(row.getString("region"), constituency)) {
            throw ProblemException.forbidden("constituency " + constituency + " is outside your area");
        }
        List<ImportReport.RowError> errors = new ArrayList<>();
        JsonArray stored = (JsonArray) row.getValue("errors");
        for (int i = 0; i < stored.size(); i++) {
            JsonObject e = stored.getJsonObject(i);
            errors.add(new ImportReport.RowError(e.getInteger("line"), e.getString("field"), e.getString("reason")));
        }
        return new Status(constituency, row.getString("state"), row.getBoolean("accept_valid"),
                row.getInteger("rows_read"), row.getInteger("accepted"), row.getInteger("rejected"),
                row.getInteger("imported"), errors, row.getString("detail"), row.getString("file_sha256"),
                row.getOffsetDateTime("started_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
    }
}
