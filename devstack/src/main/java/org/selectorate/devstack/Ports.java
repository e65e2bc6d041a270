package org.selectorate.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The loopback ports of every component. Defaults sit clear of the usual ones (5432, 9092, 8080),
 * any can be overridden, and the ports in use are saved beside the data so {@code status},
 * {@code down} and tests find the running platform.
 */
public record Ports(Map<String, Integer> byName) {
    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    public static final String KAFKA_CONTROLLER = "kafka-controller";
    public static final String KEYCLOAK = "keycloak";
    public static final String KEYCLOAK_MANAGEMENT = "keycloak-management";
    public static final String SMTP = "smtp";
    public static final String MAIL_API = "mail-api";
    public static final String GATEWAY = "gateway";
    public static final String MEMBERSHIP = "membership-service";
    public static final String BALLOT = "ballot-service";
    public static final String TALLY = "tally-service";
    public static final String NOTIFICATION = "notification-service";

    private static final Map<String, Integer> DEFAULTS = defaults();

    public Ports {
        byName = Map.copyOf(byName);
    }

    public static Ports defaultsWith(Map<String, Integer> overrides) {
        Map<String, Integer> all = new LinkedHashMap<>(DEFAULTS);
        overrides.forEach((name, port) -> {
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown component '" + name + "'; known: " + String.join(", ", DEFAULTS.keySet()));
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port of " + name + " must be 1-65535, not " + port);
            }
            all.put(name, port);
        });
        if (all.values().stream().distinct().count() != all.size()) {
            throw new IllegalArgumentException("two components share a port: " + all);
        }
        return new Ports(all);
    }

    public int of(String name) {
        Integer port = byName.get(name);
        if (port == null) {
            throw new IllegalArgumentException("no port for " + name);
        }
        return port;
    }

    public static Ports load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return defaultsWith(Map.of());
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        Map<String, Integer> saved = new TreeMap<>();
        p.forEach((k, v) -> saved.put(k.toString(), Integer.parseInt(v.toString().trim())));
        return defaultsWith(saved);
    }

    public void save(Path file) throws IOException {
        Properties p = new Properties();
        byName.forEach((k, v) -> p.setProperty(k, v.toString()));
        Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "ports of the running Selectorate platform");
        }
    }

    private static Map<String, Integer> defaults() {
        Map<String, Integer> d = new LinkedHashMap<>();
        d.put(POSTGRES, 15432);
        d.put(KAFKA, 19092);
        d.put(KAFKA_CONTROLLER, 19093);
        d.put(KEYCLOAK, 18180);
        d.put(KEYCLOAK_MANAGEMENT, 18190);
        d.put(SMTP, 13025);
        d.put(MAIL_API, 18025);
        d.put(GATEWAY, 18080);
        d.put(MEMBERSHIP, 18081);
        d.put(BALLOT, 18082);
        d.put(TALLY, 18083);
        d.put(NOTIFICATION, 18084);
        return d;
    }
}
