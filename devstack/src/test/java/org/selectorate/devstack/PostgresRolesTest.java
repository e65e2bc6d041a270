package org.selectorate.devstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's PostgreSQL, started as {@code ./selectorate up} starts it: each service's role reaches its own
 * database and no other, every role needs its password, and a restart (now with passwords, not trust) keeps that.
 */
class PostgresRolesTest {
    // Under target/, not a private temporary folder: as root the server runs as another user, who must reach the binaries.
    private static final Path HOME = Path.of("target/postgres-roles-test").toAbsolutePath();
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        Processes old = new Processes(HOME);
        old.stop("postgres", Duration.ofSeconds(20));
        delete(HOME.resolve("postgres/data"));
        delete(HOME.resolve("keys"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        stack = Stack.at(Path.of("."), HOME, Ports.defaultsWith(Map.of(Ports.POSTGRES, port))).withFsync(Stack.Fsync.OFF);
        new Postgres(stack).start();
    }

    @AfterAll
    static void stop() throws IOException {
        stack.processes().stop("postgres", Duration.ofSeconds(20));
    }

    @Test
    void fsyncIsAsAskedAndKeptByARestartThatDoesNotAsk() throws Exception {
        assertEquals("off", new Postgres(stack).show("fsync"));
        Stack asBefore = Stack.at(Path.of("."), HOME, stack.ports());
        asBefore.processes().stop("postgres", Duration.ofSeconds(20));
        new Postgres(asBefore).start();
        assertEquals("off", new Postgres(asBefore).show("fsync"), "a restart keeps the home's choice");
    }

    @Test
    void eachServiceRoleConnectsToItsOwnDatabaseAndNoOther() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String role : Postgres.DATABASES) {
            for (String db : Postgres.DATABASES) {
                if (role.equals(db)) {
                    try (Connection c = connect(db, role, stack.databasePassword(role)); Statement s = c.createStatement()) {
                        s.execute("create table if not exists owned_by_" + role + " (id int)");
                    }
                } else {
                    SQLException refused = assertThrows(SQLException.class,
                            () -> connect(db, role, stack.databasePassword(role)).close(), role + " into " + db);
                    if (!"42501".equals(refused.getSQLState())) {
                        wrong.add(role + " into " + db + ": " + refused.getMessage());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, "refused for lack of CONNECT");
    }

    @Test
    void everyRoleNeedsItsPasswordAndTheKeysAreTheHomesOwn() throws Exception {
        SQLException refused = assertThrows(SQLException.class, () -> connect("ballot", "ballot", "selectorate").close());
        assertEquals("28P01", refused.getSQLState(), refused.getMessage());
        SQLException admin = assertThrows(SQLException.class, () -> connect("postgres", "postgres", "").close());
        assertTrue(admin.getMessage().contains("password"), admin.getMessage());
        Path file = HOME.resolve("keys/db-ballot.password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(HOME.resolve("keys"))));
        assertFalse(stack.databasePassword("ballot").equals(stack.databasePassword("tally")));
    }

    @Test
    void aRestartKeepsTheRolesAndMovesTablesOfTheOldSharedRoleToTheService() throws Exception {
        // A home from before roles per service: one role `selectorate` owning the databases and their tables.
        try (Connection c = connect("postgres", "postgres", new Keys(stack).databaseAdminPassword());
             Statement s = c.createStatement()) {
            s.execute("create role selectorate login password 'selectorate'");
            s.execute("grant connect on database tally to selectorate");
        }
        try (Connection c = connect("tally", "postgres", new Keys(stack).databaseAdminPassword());
             Statement s = c.createStatement()) {
            s.execute("grant create on schema public to selectorate");
        }
        try (Connection c = connect("tally", "selectorate", "selectorate"); Statement s = c.createStatement()) {
            s.execute("create table legacy_entry (id int)");
        }
        stack.processes().stop("postgres", Duration.ofSeconds(20));
        new Postgres(stack).start();

        try (Connection c = connect("tally", "tally", stack.databasePassword("tally")); Statement s = c.createStatement()) {
            var owner = s.executeQuery("select tableowner from pg_tables where tablename = 'legacy_entry'");
            assertTrue(owner.next());
            assertEquals("tally", owner.getString(1));
            s.execute("insert into legacy_entry values (1)");
        }
        SQLException gone = assertThrows(SQLException.class, () -> connect("tally", "selectorate", "selectorate").close());
        assertEquals("28P01", gone.getSQLState(), gone.getMessage());
        SQLException refused = assertThrows(SQLException.class,
                () -> connect("tally", "ballot", stack.databasePassword("ballot")).close());
        assertEquals("42501", refused.getSQLState(), refused.getMessage());
    }

    private static Connection connect(String db, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stack.ports().of(Ports.POSTGRES) + "/" + db,
                user, password);
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
