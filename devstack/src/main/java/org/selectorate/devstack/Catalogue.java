package org.selectorate.devstack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service database holds, read from PostgreSQL's catalogue (its tables, their columns and primary keys), and
 * which migrations made it, applied (Flyway's history) or in this build's jars: what a backup dumps and a restore
 * checks before it loads.
 */
final class Catalogue {
    static final String HISTORY = "flyway_schema_history";
    private static final Pattern MIGRATION = Pattern.compile("db/(?:migration|support)/V([0-9_.]+)__[^/]*\\.sql");

    private Catalogue() {
    }

    /** The public schema's tables (a partitioned table once, not its partitions), by name. */
    static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select c.relname from pg_class c "
                + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' "
                + "and c.relkind in ('r', 'p') and not c.relispartition order by 1")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    static List<String> columns(Connection c, String table) throws SQLException {
        return names(c, "select quote_ident(attname) from pg_attribute where attrelid = cast(? as regclass) "
                + "and attnum > 0 and not attisdropped and attgenerated = '' order by attnum", table);
    }

    static List<String> primaryKey(Connection c, String table) throws SQLException {
        return names(c, "select quote_ident(a.attname) from pg_index i join pg_attribute a on a.attrelid = i.indrelid "
                + "and a.attnum = any(i.indkey) where i.indrelid = cast(? as regclass) and i.indisprimary "
                + "order by array_position(i.indkey, a.attnum)", table);
    }

    private static List<String> names(Connection c, String sql, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, quote(table));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    /** The migrations applied to a database, as Flyway numbers them, in order. */
    static List<String> applied(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select version from " + HISTORY
                + " where success and version is not null")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return sortVersions(out);
    }

    /** The migrations this build's service would apply: its own and service-support's, read from its jars. */
    static List<String> buildMigrations(Stack stack, String module) throws IOException {
        Path app = stack.root().resolve(module).resolve("target/quarkus-app");
        List<String> out = new ArrayList<>();
        for (Path folder : List.of(app.resolve("app"), app.resolve("lib/main"))) {
            String glob = folder.endsWith("app") ? "*.jar" : "org.selectorate.*.jar";
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException(module + " is not built (" + folder + " missing)");
            }
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, glob)) {
                for (Path jar : jars) {
                    try (JarFile j = new JarFile(jar.toFile())) {
                        j.stream().forEach(e -> {
                            Matcher m = MIGRATION.matcher(e.getName());
                            if (m.matches()) {
                                out.add(m.group(1).replace('_', '.'));
                            }
                        });
                    }
                }
            }
        }
        return sortVersions(out);
    }

    private static List<String> sortVersions(List<String> versions) {
        return versions.stream().distinct().sorted((x, y) -> {
            String[] a = x.split("\\.");
            String[] b = y.split("\\.");
            for (int i = 0; i < Math.max(a.length, b.length); i++) {
                int d = Long.compare(i < a.length ? Long.parseLong(a[i]) : 0, i < b.length ? Long.parseLong(b[i]) : 0);
                if (d != 0) {
                    return d;
                }
            }
            return 0;
        }).toList();
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
