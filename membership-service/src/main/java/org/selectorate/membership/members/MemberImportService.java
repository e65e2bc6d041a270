package org.selectorate.membership.members;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.integrity.encoding.Hex;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Imports a constituency's members file as it streams in: rows are checked one at a time and the valid ones written
 * in chunks of {@value #CHUNK} (multi-row upserts, {@code unnest} of column arrays) inside one transaction, the next
 * chunk read while the last is written. Only the chunk in hand is held, so memory does not grow with the roll. A
 * refused file (a bad row without {@code acceptValid}, a bad header, a broken upload) rolls the transaction back:
 * it changes nothing. How far the import has got is kept as it goes ({@link ImportProgress}).
 */
@ApplicationScoped
public class MemberImportService {
    private static final Logger LOG = Logger.getLogger(MemberImportService.class);
    static final int CHUNK = 5000;

    /** Upserts a chunk and answers the members whose email it changed, with the email they had before. */
    private static final String UPSERT = """
            with previous as (
                select membership_number, email from member
                where constituency = $1 and membership_number = any($2::text[])
            ), written as (
                insert into member (constituency, membership_number, first_name, last_name, email, phone, address,
                                    branch, joined, status, arrears, updated_at)
                select $1, u.*, now()
                from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                            $9::date[], $10::text[], $11::bool[])
                     as u(membership_number, first_name, last_name, email, phone, address, branch, joined, status,
                          arrears)
                on conflict (constituency, membership_number) do update set
                    first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email,
                    phone = excluded.phone, address = excluded.address, branch = excluded.branch,
                    joined = excluded.joined, status = excluded.status, arrears = excluded.arrears,
                    updated_at = excluded.updated_at
                returning membership_number, email
            )
            select w.membership_number, p.email as previous_email, w.email as new_email
            from written w join previous p using (membership_number)
            where lower(p.email) <> lower(w.email)
            """;

    private final Pool pool;
    private final ContactChanges contactChanges;
    private final AuditTrail audit;
    private final ImportProgress progress;

    public MemberImportService(Pool pool, ContactChanges contactChanges, AuditTrail audit, ImportProgress progress) {
        this.pool = pool;
        this.contactChanges = contactChanges;
        this.audit = audit;
        this.progress = progress;
    }

    /** The outcome; when {@code written} is false the file had bad rows and nothing was stored. */
    public record Outcome(ImportReport report, boolean written) {
    }

    /** The constituency's place in the tree and its branches' codes. */
    private record Area(AuditScope scope, Set<String> branches) {
    }

    public Uni<Outcome> importCsv(String constituency, Caller caller, boolean acceptValid, InputStream body) {
        return pool.preparedQuery("select region from constituency where code = $1")
                .execute(Tuple.of(constituency))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("constituency " + constituency);
                    }
                    String region = rows.iterator().next().getString("region");
                    if (!caller.covers(region, constituency)) {
                        throw ProblemException.forbidden("constituency " + constituency + " is outside your area");
                    }
                    return region;
                })
                .chain(region -> pool.preparedQuery("select code from branch where constituency = $1")
                        .execute(Tuple.of(constituency))
                        .map(rows -> {
                            Set<String> branches = new HashSet<>();
                            for (Row row : rows) {
                                branches.add(row.getString("code"));
                            }
                            return new Area(AuditScope.constituency(region, constituency), branches);
                        }))
                .call(() -> progress.claim(constituency, acceptValid))
                // Reading the body blocks: do it on a worker, never on the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(area -> stream(area, acceptValid, body));
    }

    /** Reads, checks and writes the whole file in one transaction; blocks, on a worker thread. */
    private Outcome stream(Area area, boolean acceptValid, InputStream body) {
        String constituency = area.scope().constituency();
        long start = System.nanoTime();
        DigestInputStream digesting = new DigestInputStream(body, Digest.newSha256());
        SqlConnection conn = pool.getConnection().await().indefinitely();
        Transaction tx = null;
        MemberCsv.Rows rows = null;
        int accepted = 0;
        try (Reader reader = new BufferedReader(new InputStreamReader(digesting, StandardCharsets.UTF_8), 1 << 16)) {
            tx = conn.begin().await().indefinitely();
            rows = new MemberCsv.Rows(reader, area.branches(), LocalDate.now(ZoneOffset.UTC));
            Chunks chunks = new Chunks(conn, constituency);
            MemberRow row;
            while ((row = rows.next()) != null) {
                accepted++;
                // Once a bad row refuses the file nothing more is written; the rest is still checked and reported.
                if (acceptValid || rows.rejected() == 0) {
                    chunks.add(row);
                }
                if (rows.rows() % CHUNK == 0) {
                    progress.read(constituency, rows.rows(), accepted, rows.rejected()).await().indefinitely();
                }
            }
            char[] rest = new char[1 << 13];
            while (reader.read(rest) != -1) {
                // drained only so the hash covers the whole file
            }
            String sha256 = Hex.encode(digesting.getMessageDigest().digest());
            boolean refused = rows.rejected() > 0 && !acceptValid;
            int imported = refused ? 0 : accepted;
            ImportReport report = new ImportReport(rows.rows(), imported, rows.rejected(), rows.errors());
            if (imported == 0) {
                chunks.settle();
                tx.rollback().await().indefinitely();
                progress.end(constituency, refused ? "refused" : "imported", report, accepted, null, sha256)
                        .await().indefinitely();
                return new Outcome(report, !refused);
            }
            chunks.flush();
            chunks.settle();
            audit.record(conn, action(area.scope(), sha256, report)).await().indefinitely();
            tx.commit().await().indefinitely();
            progress.end(constituency, "imported", report, accepted, null, sha256).await().indefinitely();
            LOG.infof("imported %d members into %s in %d ms", imported, constituency,
                    (System.nanoTime() - start) / 1_000_000);
            return new Outcome(report, true);
        } catch (RuntimeException | IOException e) {
            if (tx != null) {
                tx.rollback().onFailure().recoverWithNull().await().indefinitely();
            }
            String detail = e instanceof ProblemException p ? p.getMessage()
                    : "the file could not be read or written: " + e.getMessage();
            ImportReport report = rows == null ? new ImportReport(0, 0, 0, List.of())
                    : new ImportReport(rows.rows(), 0, rows.rejected(), rows.errors());
            progress.end(constituency, e instanceof ProblemException ? "refused" : "failed", report, accepted, detail,
                    null).onFailure().recoverWithNull().await().indefinitely();
            if (e instanceof RuntimeException refused) {
                throw refused;
            }
            throw ProblemException.badRequest("the file could not be read: " + e.getMessage(), List.of());
        } finally {
            conn.close().await().indefinitely();
        }
    }

    private static AuditAction action(AuditScope scope, String sha256, ImportReport report) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("file", sha256);
        outcome.put("rows", report.rows());
        outcome.put("imported", report.imported());
        outcome.put("rejected", report.rejected());
        return AuditAction.named("members.import").in(scope)
                .on("constituency/" + scope.constituency() + "/members").after(AuditState.of(outcome)).build();
    }

    /**
     * Valid rows gathered into chunks, each written while the next is read: one upsert in flight at a time. A member
     * on an open frozen roll whose email changed is announced in the same transaction (the roll itself keeps the
     * email held at the freeze).
     */
    private final class Chunks {
        private final SqlConnection conn;
        private final String constituency;
        private List<MemberRow> chunk = new ArrayList<>(CHUNK);
        private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

        Chunks(SqlConnection conn, String constituency) {
            this.conn = conn;
            this.constituency = constituency;
        }

        void add(MemberRow row) {
            chunk.add(row);
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        void flush() {
            settle();
            if (chunk.isEmpty()) {
                return;
            }
            List<MemberRow> rows = chunk;
            chunk = new ArrayList<>(CHUNK);
            inFlight = upsert(conn, constituency, rows)
                    .chain(changed -> contactChanges.announce(conn, constituency, changed, Instant.now()))
                    .replaceWithVoid()
                    .subscribeAsCompletionStage();
        }

        /** Waits for the chunk in flight; its failure fails the import. */
        void settle() {
            try {
                inFlight.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
    }

    private static Uni<List<ContactChanges.EmailChange>> upsert(SqlConnection conn, String constituency, List<MemberRow> rows) {
        int n = rows.size();
        String[] number = new String[n];
        String[] first = new String[n];
        String[] last = new String[n];
        String[] email = new String[n];
        String[] phone = new String[n];
        String[] address = new String[n];
        String[] branch = new String[n];
        LocalDate[] joined = new LocalDate[n];
        String[] status = new String[n];
        Boolean[] arrears = new Boolean[n];
        for (int i = 0; i < n; i++) {
            MemberRow r = rows.get(i);
            number[i] = r.membershipNumber();
            first[i] = r.firstName();
            last[i] = r.lastName();
            email[i] = r.email();
            phone[i] = r.phone();
            address[i] = r.address();
            branch[i] = r.branch();
            joined[i] = r.joined();
            status[i] = r.status();
            arrears[i] = r.arrears();
        }
        Tuple params = Tuple.tuple()
                .addString(constituency)
                .addArrayOfString(number).addArrayOfString(first).addArrayOfString(last).addArrayOfString(email)
                .addArrayOfString(phone).addArrayOfString(address).addArrayOfString(branch)
                .addArrayOfLocalDate(joined).addArrayOfString(status).addArrayOfBoolean(arrears);
        return conn.preparedQuery(UPSERT).execute(params).map(changed -> {
            List<ContactChanges.EmailChange> out = new ArrayList<>();
            for (Row row : changed) {
                out.add(new ContactChanges.EmailChange(row.getString("membership_number"),
                        row.getString("previous_email"), row.getString("new_email")));
            }
            return out;
        });
    }
}
