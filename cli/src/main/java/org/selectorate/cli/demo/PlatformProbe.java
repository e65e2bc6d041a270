package org.selectorate.cli.demo;

import org.selectorate.devstack.Devstack;
import org.selectorate.devstack.Ports;
import org.selectorate.devstack.Postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's processes as the bench measures them: memory and CPU from /proc (the pids the launcher keeps
 * under its home), database sizes from PostgreSQL, and JFR recordings of the Java services.
 */
final class PlatformProbe {
    static final String CLIENT = "bench client";
    private static final String RECORDING = "selectorate-bench";

    private final Devstack devstack;

    PlatformProbe(Devstack devstack) {
        this.devstack = devstack;
    }

    /** Each running component's usage (with its descendants), and this bench's own process as {@link #CLIENT}. */
    Map<String, ProcessProbe.Usage> sample() {
        Map<String, ProcessProbe.Usage> usage = new LinkedHashMap<>();
        for (Devstack.Status s : devstack.status()) {
            if (s.pid() != null) {
                usage.put(s.name(), ProcessProbe.ofTree(s.pid()));
            }
        }
        usage.put(CLIENT, ProcessProbe.of(ProcessHandle.current().pid(), false));
        return usage;
    }

    static Map<String, Double> residentMib(Map<String, ProcessProbe.Usage> sample) {
        Map<String, Double> rss = new LinkedHashMap<>();
        sample.forEach((name, u) -> rss.put(name, u.rssKib() / 1024.0));
        return rss;
    }

    /** Each service database's size (pg_database_size), read with the service's own role. */
    Map<String, Double> databaseMib() {
        Map<String, Double> sizes = new LinkedHashMap<>();
        int port = devstack.stack().ports().of(Ports.POSTGRES);
        for (String db : Postgres.DATABASES) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db, db,
                    devstack.stack().databasePassword(db));
                 Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select pg_database_size(current_database())")) {
                r.next();
                sizes.put(db, r.getLong(1) / (1024.0 * 1024.0));
            } catch (SQLException e) {
                sizes.put(db, Double.NaN);
            }
        }
        return sizes;
    }

    /**
     * PostgreSQL's {@code fsync} as the running server reports it ({@code show fsync}): whether the figures were
     * taken on a durable platform ({@code on}) or a throw-away one ({@code up --no-fsync}).
     */
    String fsync() {
        return new Postgres(devstack.stack()).show("fsync");
    }

    /** The Java services whose CPU the profile should show: the gateway and the four services. */
    private List<Devstack.Status> services() {
        return devstack.status().stream()
                .filter(s -> s.pid() != null && (s.name().endsWith("-service") || s.name().equals("gateway"))).toList();
    }

    /** Starts a JFR recording (the "profile" settings: method samples every 10/20 ms) in every Java service. */
    void startProfiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Devstack.Status s : services()) {
            jcmd(s.pid(), "JFR.start", "name=" + RECORDING, "settings=profile",
                    "filename=" + dir.resolve(s.name() + ".jfr").toAbsolutePath());
        }
    }

    /** Stops the recordings, which writes their files; returns the files written. */
    List<Path> stopProfiles(Path dir) {
        List<Path> files = new ArrayList<>();
        for (Devstack.Status s : services()) {
            Path file = dir.resolve(s.name() + ".jfr").toAbsolutePath();
            jcmd(s.pid(), "JFR.stop", "name=" + RECORDING, "filename=" + file);
            if (Files.exists(file)) {
                files.add(file);
            }
        }
        return files;
    }

    private static void jcmd(long pid, String... command) {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        args.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroy();
            }
        } catch (IOException e) {
            throw new IllegalStateException("jcmd is needed for --profile: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
