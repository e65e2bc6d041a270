package org.selectorate.devstack;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Backup and restore of the platform's state: every service database, dumped table by table with PostgreSQL's
 * {@code COPY} while the services are stopped (so the four databases agree with each other), and, in a separate
 * folder, the key files without which the dumps cannot be used: sealed private keys, sealed access codes and held
 * casts open only with them (the design keeps nothing sealed next to its key: the two folders are kept apart).
 * <p>
 * PostgreSQL's own {@code pg_dump} is not among the binaries the launcher runs (the zonky archive has
 * {@code initdb}, {@code pg_ctl} and {@code postgres} only), and the system's older {@code pg_dump} refuses a newer
 * server: the dump is the same {@code COPY} that {@code pg_dump --data-only} would issue, over JDBC. The schema is
 * not dumped: the services' own migrations make it, and a restore requires the build's migrations to be exactly the
 * backup's. Rows are written in primary-key order, not the tables' physical order, which is close to the order the
 * rows arrived in (the marked register's, for one): a backup keeps no order the live tables would not give away.
 */
public final class Backup {
    static final String FORMAT = "selectorate-backup-1";
    static final String MANIFEST = "manifest.properties";
    /**
     * The key files a restore needs: each service's vault key (its private keys are sealed with it in its database),
     * the access-code key pair (sealed codes in ballot- and notification-service), and the secrets of links and
     * signatures already sent out. Not the database, Keycloak and client passwords: the new platform makes its own.
     */
    static final List<String> KEY_FILES = List.of("membership.key", "ballot.key", "tally.key", "notification.key",
            "mail-code.key", "mail-code.pub", "notice-ack.secret", "webhook-member.secret",
            "mailing-unsubscribe.secret");
    private static final Map<String, String> MODULES = Map.of("membership", Ports.MEMBERSHIP, "ballot", Ports.BALLOT,
            "tally", Ports.TALLY, "notification", Ports.NOTIFICATION);

    private final Devstack devstack;
    private final PrintStream out;

    public Backup(Devstack devstack, PrintStream out) {
        this.devstack = devstack;
        this.out = out;
    }

    /** What a backup holds, or what a restore put back: rows per database. */
    public record Summary(Map<String, Long> rows, Duration took) {
    }

    /**
     * Dumps every service database into {@code to} and the key files into {@code keysTo}, both new folders. The
     * services (gateway included) are stopped for the dump and started again after it, whatever happened.
     */
    public Summary backup(Path to, Path keysTo) throws Exception {
        long start = System.nanoTime();
        refuseExisting(to, "backup folder");
        refuseExisting(keysTo, "keys folder");
        Path a = to.toAbsolutePath().normalize();
        Path b = keysTo.toAbsolutePath().normalize();
        if (a.startsWith(b) || b.startsWith(a)) {
            throw new IllegalArgumentException("the keys must not be kept with the data: give --keys-to outside --to");
        }
        if (!new Postgres(devstack.stack()).healthy()) {
            throw new IllegalStateException("PostgreSQL of " + devstack.stack().home() + " is not running: start "
                    + "the platform (./selectorate up)");
        }
        Keys keys = new Keys(devstack.stack());
        for (String file : KEY_FILES) {
            if (!Files.isRegularFile(devstack.stack().keys().resolve(file))) {
                throw new IllegalStateException("key file " + file + " is missing from " + devstack.stack().keys());
            }
        }
        List<Service> services = Service.all(devstack.stack());
        List<Service> running = services.stream()
                .filter(s -> devstack.stack().processes().running(s.name()).isPresent()).toList();
        Map<String, Long> rows = new LinkedHashMap<>();
        Properties manifest = new Properties();
        try {
            out.println("stopping the services for a consistent dump: " + String.join(", ",
                    running.stream().map(Service::name).toList()));
            stop(devstack.stack(), running);
            Files.createDirectories(a);
            manifest.setProperty("format", FORMAT);
            manifest.setProperty("taken", Instant.now().truncatedTo(ChronoUnit.MINUTES).toString());
            for (String db : Postgres.DATABASES) {
                rows.put(db, dump(db, keys, a.resolve(db), manifest));
            }
            try (Writer w = Files.newBufferedWriter(a.resolve(MANIFEST))) {
                manifest.store(w, "Selectorate backup: one folder per service database, COPY text, gzip");
            }
            privateDir(b);
            for (String file : KEY_FILES) {
                privateFile(Files.copy(devstack.stack().keys().resolve(file), b.resolve(file)));
            }
        } finally {
            out.println("starting the services again");
            for (Service s : running) {
                s.start();
            }
        }
        return new Summary(rows, Duration.ofNanos(System.nanoTime() - start));
    }

    /** One database in one read-only snapshot: each table's rows (COPY text, gzip), its sequences, its migrations. */
    private long dump(String db, Keys keys, Path dir, Properties manifest) throws SQLException, IOException {
        Files.createDirectories(dir);
        long total = 0;
        try (Connection c = admin(devstack.stack(), keys, db)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            List<String> tables = Catalogue.tables(c);
            manifest.setProperty(db + ".migrations", String.join(",", Catalogue.applied(c)));
            manifest.setProperty(db + ".tables", String.join(",", tables));
            for (String table : tables) {
                List<String> columns = Catalogue.columns(c, table);
                List<String> key = Catalogue.primaryKey(c, table);
                String query = "select " + String.join(", ", columns) + " from " + Catalogue.quote(table)
                        + (key.isEmpty() ? "" : " order by " + String.join(", ", key));
                Path file = dir.resolve(table + ".copy.gz");
                long n;
                try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
                    n = copy.copyOut("copy (" + query + ") to stdout", o);
                }
                manifest.setProperty(db + "." + table + ".columns", String.join(",", columns));
                manifest.setProperty(db + "." + table + ".rows", Long.toString(n));
                manifest.setProperty(db + "." + table + ".sha256", sha256(file));
                if (!table.equals(Catalogue.HISTORY)) {
                    total += n; // the rows a restore loads (the migrations' history is made by the new platform)
                }
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "select sequencename, last_value from pg_sequences where schemaname = 'public' "
                            + "and last_value is not null order by 1")) {
                List<String> sequences = new ArrayList<>();
                while (r.next()) {
                    sequences.add(r.getString(1));
                    manifest.setProperty(db + ".sequence." + r.getString(1), Long.toString(r.getLong(2)));
                }
                manifest.setProperty(db + ".sequences", String.join(",", sequences));
            }
            c.commit();
        }
        out.printf("  %-13s %,9d rows%n", db, total);
        return total;
    }

    /**
     * Restores a backup onto a new platform under {@code home}, which must not exist or be empty: the key files are
     * put in place, the platform is started (its services' migrations make the empty schema), the services are
     * stopped, every database is loaded in one transaction, and the services are started again. Everything is
     * checked before the home is touched: the backup's format and checksums, its key files, and that this build's
     * migrations are exactly the ones the backup was taken with.
     */
    public static Summary restore(Stack stack, Path from, Path keysFrom, PrintStream out) throws Exception {
        long start = System.nanoTime();
        Path dir = from.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve(MANIFEST))) {
            throw new IllegalArgumentException("no backup at " + from + " (" + MANIFEST + " missing)");
        }
        Properties manifest = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve(MANIFEST))) {
            manifest.load(r);
        }
        if (!FORMAT.equals(manifest.getProperty("format"))) {
            throw new IllegalArgumentException("not a backup this build can read: format "
                    + manifest.getProperty("format") + ", expected " + FORMAT);
        }
        for (String file : KEY_FILES) {
            if (!Files.isRegularFile(keysFrom.resolve(file))) {
                throw new IllegalArgumentException("key file " + file + " is missing from " + keysFrom);
            }
        }
        if (Files.exists(stack.home()) && !empty(stack.home())) {
            throw new IllegalArgumentException(stack.home() + " is not empty: a backup is restored onto a new "
                    + "platform (a new --home)");
        }
        for (String db : Postgres.DATABASES) {
            String theirs = manifest.getProperty(db + ".migrations", "");
            String ours = String.join(",", Catalogue.buildMigrations(stack, MODULES.get(db)));
            if (!theirs.equals(ours)) {
                throw new IllegalArgumentException("the backup's " + db + " schema (migrations " + last(theirs)
                        + ") is not this build's (" + last(ours) + "): restore it with the build that took it");
            }
            for (String table : list(manifest, db + ".tables")) {
                Path file = dir.resolve(db).resolve(table + ".copy.gz");
                if (!Files.isRegularFile(file) || !sha256(file).equals(manifest.getProperty(db + "." + table
                        + ".sha256"))) {
                    throw new IllegalArgumentException("the backup's " + db + "/" + table + " is missing or damaged");
                }
            }
        }

        Path keysDir = stack.keys();
        privateDir(keysDir);
        for (String file : KEY_FILES) {
            privateFile(Files.copy(keysFrom.resolve(file), keysDir.resolve(file)));
        }
        Devstack devstack = new Devstack(stack.withFsync(Stack.Fsync.ON), out);
        out.println("starting an empty platform (data and logs in " + stack.home() + ")");
        devstack.up();
        List<Service> services = Service.all(stack);
        stop(stack, services);
        Map<String, Long> rows = new LinkedHashMap<>();
        Keys keys = new Keys(stack);
        for (String db : Postgres.DATABASES) {
            rows.put(db, load(stack, keys, db, dir.resolve(db), manifest));
            out.printf("  %-13s %,9d rows%n", db, rows.get(db));
        }
        out.println("starting the services on the restored data");
        for (Service s : services) {
            s.start();
        }
        return new Summary(rows, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Loads one database in one transaction, its triggers (and foreign keys) off while the rows go in. */
    private static long load(Stack stack, Keys keys, String db, Path dir, Properties manifest)
            throws SQLException, IOException {
        long total = 0;
        try (Connection c = admin(stack, keys, db)) {
            c.setAutoCommit(false);
            String applied = String.join(",", Catalogue.applied(c));
            if (!applied.equals(manifest.getProperty(db + ".migrations"))) {
                throw new IllegalStateException("the new " + db + " database migrated to " + last(applied)
                        + ", not to the backup's " + last(manifest.getProperty(db + ".migrations")));
            }
            List<String> tables = list(manifest, db + ".tables");
            if (!new TreeSet<>(tables).equals(new TreeSet<>(Catalogue.tables(c)))) {
                throw new IllegalStateException("the new " + db + " database's tables are not the backup's");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (Statement s = c.createStatement()) {
                s.execute("set local session_replication_role = replica");
                List<String> emptied = tables.stream().filter(t -> !t.equals(Catalogue.HISTORY))
                        .map(Catalogue::quote).toList();
                if (!emptied.isEmpty()) {
                    // Rows a service made at its first start (its own keys, say) give way to the backup's.
                    s.execute("truncate " + String.join(", ", emptied));
                }
            }
            for (String table : tables) {
                if (table.equals(Catalogue.HISTORY)) {
                    continue;
                }
                try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(table + ".copy.gz")))) {
                    total += copy.copyIn("copy " + Catalogue.quote(table) + " (" + manifest.getProperty(db + "." + table
                            + ".columns") + ") from stdin", in);
                }
            }
            try (PreparedStatement p = c.prepareStatement("select setval(cast(? as regclass), ?, true)")) {
                for (String sequence : list(manifest, db + ".sequences")) {
                    p.setString(1, Catalogue.quote(sequence));
                    p.setLong(2, Long.parseLong(manifest.getProperty(db + ".sequence." + sequence)));
                    p.execute();
                }
            }
            c.commit();
        }
        return total;
    }

    /** Stops the instances, the gateway (listed last) first. */
    private static void stop(Stack stack, List<Service> services) throws IOException {
        List<Service> order = new ArrayList<>(services);
        Collections.reverse(order);
        for (Service s : order) {
            stack.processes().stop(s.name(), Duration.ofSeconds(20));
        }
    }

    private static Connection admin(Stack stack, Keys keys, String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.ports().of(Ports.POSTGRES) + "/" + db,
                Postgres.ADMIN, keys.databaseAdminPassword());
    }

    private static String last(String versions) {
        return versions == null || versions.isEmpty() ? "none" : "up to V" + versions.substring(versions.lastIndexOf(',') + 1);
    }

    private static List<String> list(Properties manifest, String key) {
        String value = manifest.getProperty(key, "");
        return value.isEmpty() ? List.of() : List.of(value.split(","));
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void refuseExisting(Path dir, String what) {
        if (Files.exists(dir)) {
            throw new IllegalArgumentException(what + " " + dir + " exists: a backup goes into a new folder");
        }
    }

    private static boolean empty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    private static void privateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static void privateFile(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
