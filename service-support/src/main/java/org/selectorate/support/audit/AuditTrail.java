package org.selectorate.support.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditActor;
import org.selectorate.integrity.audit.AuditCodec;
import org.selectorate.integrity.audit.AuditEntry;
import org.selectorate.integrity.audit.AuditFilter;
import org.selectorate.integrity.audit.AuditHead;
import org.selectorate.integrity.audit.AuditLog;
import org.selectorate.integrity.audit.AuditScope;
import org.selectorate.integrity.audit.AuditSigner;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.keys.KeyVault;
import org.selectorate.support.lock.AdvisoryLock;
import org.selectorate.support.problem.ProblemException;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * This service's audit chain. {@link #record} appends an admin action inside the caller's transaction, so the
 * action and its entry commit or roll back together; the actor is always the authenticated caller (the token's
 * {@code sub}, username and roles), the time is now, to the second. Appends are serialised by a transaction-level
 * advisory lock, so the chain stays one line however many replicas write. The Ed25519 key is made on first use and
 * kept sealed by {@link KeyVault}; {@link #export} gives a reader the chain with what they may see.
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    /** "SELAUDIT": the lock that keeps this database's appends in single file. */
    static final long LOCK = 0x5345_4c41_5544_4954L;
    private static final Pattern SELECTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    private static final String KEY = "select public_key, sealed_key from audit_key where service = ?1";
    private static final String NEW_KEY = "insert into audit_key (service, public_key, sealed_key) values (?1, ?2, ?3)";
    private static final String HEAD = "select seq, hash from audit_entry order by seq desc limit 1";
    private static final String APPEND = "insert into audit_entry (seq, region, constituency, selection_id, details, "
            + "previous, hash, signature) values (?1, cast(?2 as text), cast(?3 as text), cast(?4 as text), ?5, ?6, "
            + "?7, ?8)";
    private static final String CHAIN = "select seq, region, constituency, selection_id, details, previous, hash, "
            + "signature from audit_entry order by seq";

    private final KeyVault vault;
    private final SecurityIdentity identity;
    private final String service;
    private final SecureRandom random = new SecureRandom();
    /** Set once the key has been read back from the database, so a key whose transaction rolled back is never used. */
    private final AtomicReference<AuditSigner> signer = new AtomicReference<>();

    public AuditTrail(KeyVault vault, SecurityIdentity identity,
                      @ConfigProperty(name = "quarkus.application.name") String service) {
        this.vault = vault;
        this.identity = identity;
        this.service = service;
    }

    public String service() {
        return service;
    }

    /** Appends the caller's action in the current Hibernate Reactive session's transaction. */
    public Uni<Void> record(AuditAction action) {
        AuditActor actor = actor();
        return Panache.getSession().chain(session -> append(new SessionSql(session), actor, action));
    }

    /** Appends the caller's action on a Vert.x connection: call it on the connection holding the transaction. */
    public Uni<Void> record(SqlConnection transaction, AuditAction action) {
        AuditActor actor = actor();
        return append(new ConnectionSql(transaction), actor, action);
    }

    /**
     * The chain as {@code caller} may read it: HQ everything, others their area's entries (national ones too), and
     * only {@code selection}'s if given; the rest withheld but checkable. A selection outside the caller's area is
     * refused.
     */
    public Uni<AuditLog> export(Caller caller, String selection) {
        if (selection != null && !SELECTION.matcher(selection).matches()) {
            return Uni.createFrom().failure(ProblemException.badRequest("selection is not a selection id",
                    List.of("selection: 1-100 letters, digits, '.', '_', ':' or '-'")));
        }
        AuditFilter area = caller.isHq() ? AuditFilter.everywhere()
                : AuditFilter.within(caller.regions(), caller.constituencies());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            Sql sql = new SessionSql(session);
            return signer(sql).chain(key -> sql.rows(CHAIN).map(rows -> {
                List<AuditEntry> chain = new ArrayList<>(rows.size());
                for (Object[] r : rows) {
                    AuditScope scope = new AuditScope((String) r[1], (String) r[2], (String) r[3]);
                    chain.add(AuditCodec.storedEntry(service, (Long) r[0], (String) r[5], scope, (String) r[4],
                            (String) r[6], (String) r[7]));
                }
                if (selection != null && chain.stream().anyMatch(e -> selection.equals(e.scope().selection())
                        && !area.matches(e.scope()))) {
                    throw ProblemException.forbidden("selection " + selection + " is outside your area");
                }
                return AuditLog.export(service, key.publicKey(), area.forSelection(selection), chain);
            }));
        }));
    }

    private Uni<Void> append(Sql sql, AuditActor actor, AuditAction action) {
        AuditScope scope = action.scope();
        return sql.lock()
                .chain(() -> signer(sql))
                // Read after the lock's statement: its snapshot is taken once the previous appender committed.
                .chain(key -> sql.rows(HEAD).map(rows -> key.append(rows.isEmpty()
                                ? AuditHead.genesis(service, key.publicKey())
                                : new AuditHead(service, (Long) rows.get(0)[0], Digest.fromHex((String) rows.get(0)[1])),
                        actor, action, Instant.now())))
                .chain(e -> sql.run(APPEND, e.seq(), scope.region(), scope.constituency(), scope.selection(),
                        AuditCodec.detailsJson(e), e.previous(), e.hash(), e.signature()));
    }

    /** The service's key: read (and opened) once, or made under the lock on first use and stored sealed. */
    private Uni<AuditSigner> signer(Sql sql) {
        AuditSigner known = signer.get();
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        String context = "audit-key:" + service;
        return sql.lock().chain(() -> sql.rows(KEY, service)).chain(rows -> {
            if (!rows.isEmpty()) {
                byte[] pkcs8 = vault.open(Base64.getDecoder().decode((String) rows.get(0)[1]), context);
                AuditSigner stored = AuditSigner.fromKeys(pkcs8, (String) rows.get(0)[0]);
                signer.compareAndSet(null, stored);
                return Uni.createFrom().item(stored);
            }
            AuditSigner fresh = AuditSigner.generate(random);
            String sealed = Base64.getEncoder().encodeToString(vault.seal(fresh.pkcs8(), context));
            return sql.run(NEW_KEY, service, fresh.publicKey().encoded(), sealed)
                    .invoke(() -> LOG.infof("made the audit key of %s, fingerprint %s", service,
                            fresh.publicKey().fingerprint()))
                    .replaceWith(fresh);
        });
    }

    /**
     * The authenticated caller as the log names them: the token's stable subject (what two-person rules compare),
     * username and roles.
     */
    public AuditActor actor() {
        if (identity.isAnonymous()) {
            throw new IllegalStateException("an admin action is recorded only for an authenticated caller");
        }
        Caller caller = Caller.of(identity);
        String subject = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject() : identity.getPrincipal().getName();
        return new AuditActor(subject, caller.name(), List.copyOf(caller.roles()));
    }

    /** The two ways a caller's transaction reaches the database; statements are written with ?1, ?2... */
    private interface Sql {
        Uni<Void> lock();

        Uni<List<Object[]>> rows(String sql, Object... args);

        Uni<Void> run(String sql, Object... args);
    }

    private record SessionSql(Mutiny.Session session) implements Sql {
        @Override
        public Uni<Void> lock() {
            return AdvisoryLock.exclusive(LOCK);
        }

        @Override
        public Uni<List<Object[]>> rows(String sql, Object... args) {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.setParameter(i + 1, args[i]);
            }
            return query.getResultList().map(list -> {
                List<Object[]> out = new ArrayList<>(list.size());
                for (Object r : list) {
                    out.add(r instanceof Object[] columns ? columns : new Object[]{r});
                }
                return out;
            });
        }

        @Override
        public Uni<Void> run(String sql, Object... args) {
            var query = session.createNativeQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.setParameter(i + 1, args[i]);
            }
            return query.executeUpdate().replaceWithVoid();
        }
    }

    private record ConnectionSql(SqlConnection connection) implements Sql {
        private static final Pattern PARAMETER = Pattern.compile("\\?(\\d+)");

        @Override
        public Uni<Void> lock() {
            return AdvisoryLock.exclusive(connection, LOCK);
        }

        @Override
        public Uni<List<Object[]>> rows(String sql, Object... args) {
            return connection.preparedQuery(dollars(sql)).execute(Tuple.from(args)).map(rows -> {
                List<Object[]> out = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    Object[] columns = new Object[row.size()];
                    for (int i = 0; i < columns.length; i++) {
                        columns[i] = row.getValue(i);
                    }
                    out.add(columns);
                }
                return out;
            });
        }

        @Override
        public Uni<Void> run(String sql, Object... args) {
            return connection.preparedQuery(dollars(sql)).execute(Tuple.from(args)).replaceWithVoid();
        }

        private static String dollars(String sql) {
            return PARAMETER.matcher(sql).replaceAll("\\$$1");
        }
    }
}
