package org.selectorate.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The loopback ports of every component. Defaults sit clear of the usual ones (5432, 9092, 8080),
 * any can be overridden, and the ports in use are saved beside the data so {@code status},
 * {@code down} and tests find the running platform.
 * <p>
 * A service may run as several instances ({@code replicas}): the first listens on the service's port, the n-th on
 * that port plus {@link #INSTANCE_STEP} times (n - 1), so tally-service's second instance is on 19083 by default.
 * The counts are saved with the ports.
 *
 * @param byName   each component's (first instance's) port
 * @param replicas instances of each service that runs more than one
 */
public record Ports(Map<String, Integer> byName, Map<String, Integer> replicas) {
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

    /** The services that may run as several instances; the gateway is the platform's one address. */
    public static final List<String> REPLICABLE = List.of(MEMBERSHIP, BALLOT, TALLY, NOTIFICATION);
    /** Between the ports of a service's successive instances. */
    public static final int INSTANCE_STEP = 1000;
    /** Most instances of one service on one machine. */
    public static final int MAX_REPLICAS = 8;
    private static final String REPLICAS = "replicas.";

    private static final Map<String, Integer> DEFAULTS = defaults();

    public Ports {
        byName = Map.copyOf(byName);
        replicas = Map.copyOf(replicas);
        for (var e : replicas.entrySet()) {
            if (!REPLICABLE.contains(e.getKey())) {
                throw new IllegalArgumentException("'" + e.getKey() + "' cannot run as several instances; these can: "
                        + String.join(", ", REPLICABLE));
            }
            if (e.getValue() < 1 || e.getValue() > MAX_REPLICAS) {
                throw new IllegalArgumentException("instances of " + e.getKey() + " must be 1-" + MAX_REPLICAS
                        + ", not " + e.getValue());
            }
        }
        Map<Integer, String> owners = new TreeMap<>();
        for (var e : all(byName, replicas).entrySet()) {
            String before = owners.put(e.getValue(), e.getKey());
            if (before != null) {
                throw new IllegalArgumentException(before + " and " + e.getKey() + " would share port " + e.getValue());
            }
            if (e.getValue() < 1 || e.getValue() > 65535) {
                throw new IllegalArgumentException("port of " + e.getKey() + " must be 1-65535, not " + e.getValue());
            }
        }
    }

    public Ports(Map<String, Integer> byName) {
        this(byName, Map.of());
    }

    /** These ports with {@code counts} instances of the services named (the others keep theirs). */
    public Ports withReplicas(Map<String, Integer> counts) {
        Map<String, Integer> r = new TreeMap<>(replicas);
        r.putAll(counts);
        return new Ports(byName, r);
    }

    /** Instances of {@code service}: 1 unless more were asked for. */
    public int instances(String service) {
        return replicas.getOrDefault(service, 1);
    }

    /** The port of {@code service}'s {@code n}-th instance (from 1). */
    public int of(String service, int n) {
        return of(service) + INSTANCE_STEP * (n - 1);
    }

    /** The name of {@code service}'s {@code n}-th instance: the service's own for the first, then "-2", "-3"... */
    public static String instanceName(String service, int n) {
        return n == 1 ? service : service + "-" + n;
    }

    /** Every port to listen on, by component or instance name. */
    public Map<String, Integer> all() {
        return all(byName, replicas);
    }

    private static Map<String, Integer> all(Map<String, Integer> byName, Map<String, Integer> replicas) {
        Map<String, Integer> all = new LinkedHashMap<>(byName);
        replicas.forEach((service, n) -> {
            Integer base = byName.get(service);
            for (int i = 2; base != null && i <= n; i++) {
                all.put(instanceName(service, i), base + INSTANCE_STEP * (i - 1));
            }
        });
        return all;
    }

    public static Ports defaultsWith(Map<String, Integer> overrides) {
        Map<String, Integer> all = new LinkedHashMap<>(DEFAULTS);
        overrides.forEach((name, port) -> {
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown component '" + name + "'; known: " + String.join(", ", DEFAULTS.keySet()));
            }
            all.put(name, port);
        });
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
        Map<String, Integer> replicas = new TreeMap<>();
        p.forEach((k, v) -> {
            String key = k.toString();
            int n = Integer.parseInt(v.toString().trim());
            if (key.startsWith(REPLICAS)) {
                replicas.put(key.substring(REPLICAS.length()), n);
            } else {
                saved.put(key, n);
            }
        });
        return defaultsWith(saved).withReplicas(replicas);
    }

    public void save(Path file) throws IOException {
        Properties p = new Properties();
        byName.forEach((k, v) -> p.setProperty(k, v.toString()));
        replicas.forEach((k, v) -> p.setProperty(REPLICAS + k, v.toString()));
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
