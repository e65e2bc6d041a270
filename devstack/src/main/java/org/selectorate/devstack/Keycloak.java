package org.selectorate.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak from its Maven Central distribution, in dev mode with an in-memory database and
 * the {@code selectorate} realm imported at every start, its clients' secrets and the admin's password made per home
 * ({@link Keys}). Keycloak 26 needs Java 21 or newer.
 */
public final class Keycloak implements Component {
    public static final String VERSION = "26.7.3";

    private final Stack stack;

    public Keycloak(Stack stack) {
        this.stack = stack;
    }

    @Override
    public String name() {
        return "keycloak";
    }

    @Override
    public String address() {
        return stack.keycloakUrl() + " (realm " + Stack.REALM + "; admin console user admin, password in "
                + stack.keys().resolve("keycloak-admin.password") + ")";
    }

    @Override
    public boolean healthy() {
        return Probes.httpOk(stack.issuer() + "/.well-known/openid-configuration");
    }

    @Override
    public void start() throws Exception {
        if (stack.processes().running(name()).isPresent()) {
            return;
        }
        Path home = stack.dir("keycloak").resolve("keycloak-" + VERSION);
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            unzip(stack.root().resolve("cli/target/stack/keycloak-quarkus-dist.zip"), stack.dir("keycloak"));
        }
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        try (InputStream realm = Keycloak.class.getResourceAsStream("/keycloak/selectorate-realm.json")) {
            Files.copy(realm, imports.resolve("selectorate-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path jdk = Java.atLeast(21).orElseThrow(() -> new IllegalStateException(
                "Keycloak " + VERSION + " needs a JDK 21 or newer; set JAVA_HOME to one or install one under /usr/lib/jvm"));
        Keys keys = new Keys(stack);
        ProcessHandle process = stack.processes().start(name(), List.of(home.resolve("bin/kc.sh").toString(),
                        "start-dev", "--db=dev-mem", "--import-realm",
                        "--http-host=127.0.0.1",
                        "--http-port=" + stack.ports().of(Ports.KEYCLOAK),
                        "--http-management-port=" + stack.ports().of(Ports.KEYCLOAK_MANAGEMENT)),
                // The realm file's ${...} placeholders take the clients' secrets from here, so the file on disk holds none,
                // and the console's one redirect and web origin: the gateway where this stack serves it.
                home, Map.of("JAVA_HOME", jdk.toString(),
                        "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                        "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", keys.keycloakAdminPassword(),
                        "SELECTORATE_SERVICES_CLIENT_SECRET", keys.clientSecret(Stack.SERVICES_CLIENT),
                        "SELECTORATE_INTEGRATION_CLIENT_SECRET", keys.clientSecret(Stack.INTEGRATION_CLIENT),
                        "SELECTORATE_GATEWAY_URL", stack.gatewayUrl()));
        Probes.await(name(), this::healthy, process, Duration.ofMinutes(4), stack.processes().log(name()));
    }

    private static void unzip(Path zip, Path into) throws IOException {
        if (!Files.exists(zip)) {
            throw new IOException("Keycloak distribution missing at " + zip + "; build with ./mvnw package -pl cli -am");
        }
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    if (target.toString().endsWith(".sh")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
    }
}
