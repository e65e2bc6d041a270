package org.selectorate.membership.members;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
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

/**
 * Imports a constituency's members file. Rows are validated as the file streams in; only then is
 * anything written, in one transaction, so a refused file changes nothing. Writes go through the
 * reactive client as multi-row upserts ({@code unnest} of column arrays): one statement per
 * {@value #CHUNK} members instead of one round trip per member.
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

    public MemberImportService(Pool pool, ContactChanges contactChanges, AuditTrail audit) {
        this.pool = pool;
        this.contactChanges = contactChanges;
        this.audit = audit;
    }

    /** The outcome; when {@code written} is false the file had bad rows and nothing was stored. */
    public record Outcome(ImportReport report, boolean written) {
    }

    /** The file as parsed, with the SHA-256 of all its bytes: what the audit log names the import by. */
    private record Read(MemberCsv.Parsed parsed, String sha256) {
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
                            return branches;
                        })
                        // Reading the body blocks: do it on a worker, never on the event loop.
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .map(branches -> read(body, branches))
                        .chain(read -> store(AuditScope.constituency(region, constituency), acceptValid, read)));
    }

    private Uni<Outcome> store(AuditScope scope, boolean acceptValid, Read read) {
        MemberCsv.Parsed parsed = read.parsed();
        boolean refused = parsed.rejected() > 0 && !acceptValid;
        int imported = refused ? 0 : parsed.valid().size();
        ImportReport report = new ImportReport(parsed.rows(), imported, parsed.rejected(), parsed.errors());
        if (refused || parsed.valid().isEmpty()) {
            return Uni.createFrom().item(new Outcome(report, !refused));
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("file", read.sha256());
        outcome.put("rows", report.rows());
        outcome.put("imported", imported);
        outcome.put("rejected", report.rejected());
        AuditAction action = AuditAction.named("members.import").in(scope)
                .on("constituency/" + scope.constituency() + "/members").after(AuditState.of(outcome)).build();
        long start = System.nanoTime();
        return pool.withTransaction(conn -> write(conn, scope.constituency(), parsed.valid())
                        .chain(() -> audit.record(conn, action)))
                .invoke(() -> LOG.infof("imported %d members into %s in %d ms", imported, scope.constituency(),
                        (System.nanoTime() - start) / 1_000_000))
                .replaceWith(new Outcome(report, true));
    }

    /** Parses the file and hashes every byte of it, read to the end even if parsing stopped early. */
    private static Read read(InputStream body, Set<String> branches) {
        DigestInputStream digesting = new DigestInputStream(body, Digest.newSha256());
        try (Reader reader = new java.io.BufferedReader(new InputStreamReader(digesting, StandardCharsets.UTF_8),
                1 << 16)) {
            MemberCsv.Parsed parsed = MemberCsv.parse(reader, branches, LocalDate.now(ZoneOffset.UTC));
            char[] rest = new char[1 << 13];
            while (reader.read(rest) != -1) {
                // drained only so the hash covers the whole file
            }
            return new Read(parsed, Hex.encode(digesting.getMessageDigest().digest()));
        } catch (java.io.IOException e) {
            throw ProblemException.badRequest("the file could not be read: " + e.getMessage(), List.of());
        }
    }

    /**
     * Writes the rows; a member on an open frozen roll whose email changed is announced in the same transaction
     * (the roll itself keeps the email held at the freeze).
     */
    private Uni<Void> write(SqlConnection conn, String constituency, List<MemberRow> rows) {
        int chunks = (rows.size() + CHUNK - 1) / CHUNK;
        List<ContactChanges.EmailChange> changed = new ArrayList<>();
        return Multi.createFrom().range(0, chunks)
                .onItem().transformToUniAndConcatenate(i ->
                        upsert(conn, constituency, rows.subList(i * CHUNK, Math.min(rows.size(), (i + 1) * CHUNK)))
                                .invoke(changed::addAll))
                .collect().last()
                .chain(() -> contactChanges.announce(conn, constituency, changed, Instant.now()))
                .replaceWithVoid();
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
