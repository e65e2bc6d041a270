package org.selectorate.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One instance of a Selectorate Quarkus service, run from its built {@code quarkus-app}. A service asked to run as
 * several ({@link Ports#replicas}) has one per instance, each on its own port, sharing the service's database, Kafka
 * consumer groups and keys; the gateway is given every instance of each route.
 */
public final class Service implements Component {
    /** The gateway's per-address limits on a local platform: far above what the bench sends from one address. */
    static final int LOCAL_BURST = 100_000;
    static final int LOCAL_PER_SECOND = 10_000;

    private final Stack stack;
    private final String module;
    private final String database;
    private final int instance;

    private Service(Stack stack, String module, String database, int instance) {
        this.stack = stack;
        this.module = module;
        this.database = database;
        this.instance = instance;
    }

    /** Every instance of every service, the gateway last. */
    public static List<Service> all(Stack stack) {
        List<Service> all = new ArrayList<>();
        for (String[] s : new String[][] {{Ports.MEMBERSHIP, "membership"}, {Ports.BALLOT, "ballot"},
                {Ports.TALLY, "tally"}, {Ports.NOTIFICATION, "notification"}}) {
            for (int n = 1; n <= stack.ports().instances(s[0]); n++) {
                all.add(new Service(stack, s[0], s[1], n));
            }
        }
        all.add(new Service(stack, Ports.GATEWAY, null, 1));
        return all;
    }

    /** The instance's name: the service's for the first, with "-2", "-3"... for the others. */
    @Override
    public String name() {
        return Ports.instanceName(module, instance);
    }

    /** The service this is an instance of. */
    public String service() {
        return module;
    }

    @Override
    public String address() {
        return url() + (database == null ? " (web pages, /api, merged OpenAPI at /q/openapi)" : " (OpenAPI at /q/openapi)");
    }

    public String url() {
        return "http://127.0.0.1:" + stack.ports().of(module, instance);
    }

    @Override
    public boolean healthy() {
        return Probes.httpOk(url() + "/q/health/ready");
    }

    public Path jar() {
        return stack.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    @Override
    public void start() throws Exception {
        start(Map.of());
    }

    /** Starts the service with {@code extra} configuration over the platform's. */
    public void start(Map<String, String> extra) throws Exception {
        if (stack.processes().running(name()).isPresent()) {
            return;
        }
        if (!Files.exists(jar())) {
            throw new IllegalStateException(name() + " is not built (" + jar() + "); run ./mvnw package -DskipTests");
        }
        List<String> command = new ArrayList<>(List.of(Java.current(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC"));
        Map<String, String> config = new java.util.LinkedHashMap<>(config());
        config.putAll(extra);
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar().toString()));
        ProcessHandle process = stack.processes().start(name(), command, stack.root().resolve(module), environment());
        Probes.await(name(), this::healthy, process, Duration.ofMinutes(2), stack.processes().log(name()));
    }

    /**
     * The service's secrets and key files, made per home (none has a default outside the dev and test profiles). They
     * go in the environment, which only the platform's own user can read, not on the command line, which every user can.
     */
    private Map<String, String> environment() {
        Keys keys = new Keys(stack);
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("SELECTORATE_CLIENT_SECRET", keys.clientSecret(Stack.SERVICES_CLIENT));
        if (database != null) {
            env.put("QUARKUS_DATASOURCE_PASSWORD", keys.databasePassword(database));
        }
        // Access codes are sealed by ballot-service to a key only notification-service, which mails them, can open.
        // The files' paths are passed as Kubernetes passes them, in the environment.
        if (module.equals(Ports.BALLOT)) {
            env.put("SELECTORATE_MAIL_CODE_PUBLIC_KEY_FILE", keys.mailCodePublic().toString());
        }
        if (module.equals(Ports.NOTIFICATION)) {
            env.put("SELECTORATE_MAIL_CODE_PRIVATE_KEY_FILE", keys.mailCodePrivate().toString());
            env.put("SELECTORATE_NOTICE_ACK_SECRET", keys.signingSecret("notice-ack"));
            env.put("SELECTORATE_WEBHOOK_MEMBER_SECRET", keys.signingSecret("webhook-member"));
            env.put("SELECTORATE_MAILING_UNSUBSCRIBE_SECRET", keys.signingSecret("mailing-unsubscribe"));
        }
        return env;
    }

    /** Everything that differs from a service's packaged defaults: the ports chosen for this machine, key files. */
    private Map<String, String> config() {
        Map<String, String> c = new java.util.LinkedHashMap<>();
        c.put("quarkus.http.host", "127.0.0.1");
        c.put("quarkus.http.port", Integer.toString(stack.ports().of(module, instance)));
        c.put("quarkus.oidc.auth-server-url", stack.issuer());
        if (database == null) {
            // The first instance is the route's; the others are its further instances, taken in turn (Upstreams).
            Service.all(stack).stream().filter(s -> s.database != null).forEach(s -> {
                if (s.instance == 1) {
                    c.put("selectorate.gateway.routes." + route(s.module), s.url());
                } else {
                    c.merge("selectorate.gateway.instances." + route(s.module), s.url(), (a, b) -> a + "," + b);
                }
            });
            // Every client of a local platform is 127.0.0.1, the bench's 300 casts a second included: per-address
            // limits sized for voters behind one NAT would throttle it, so they are raised here (gateway/README.md).
            for (String group : List.of("credentials", "roll-check", "casts", "lookups", "other")) {
                c.put("selectorate.gateway.rate-limits." + group + ".burst", Integer.toString(LOCAL_BURST));
                c.put("selectorate.gateway.rate-limits." + group + ".per-second", Integer.toString(LOCAL_PER_SECOND));
            }
            return c;
        }
        String pg = "127.0.0.1:" + stack.ports().of(Ports.POSTGRES) + "/" + database;
        c.put("quarkus.datasource.reactive.url", "postgresql://" + pg);
        c.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + pg);
        // Its own role, which may connect to its own database alone (Postgres).
        c.put("quarkus.datasource.username", database);
        c.put("kafka.bootstrap.servers", stack.kafkaBootstrap());
        c.put("selectorate.keys.file", new Keys(stack).vault(database).toString());
        c.put("quarkus.mailer.host", "127.0.0.1");
        c.put("quarkus.mailer.port", Integer.toString(stack.ports().of(Ports.SMTP)));
        // Links in mail (acknowledgements, receipts, unsubscribes) lead to this platform's gateway.
        c.put("selectorate.notices.public-url", stack.gatewayUrl());
        c.put("selectorate.mail.public-url", stack.gatewayUrl());
        return c;
    }

    private static String route(String module) {
        return switch (module) {
            case Ports.MEMBERSHIP -> "membership";
            case Ports.BALLOT -> "ballots";
            case Ports.TALLY -> "tally";
            case Ports.NOTIFICATION -> "notifications";
            default -> throw new IllegalArgumentException(module);
        };
    }
}
