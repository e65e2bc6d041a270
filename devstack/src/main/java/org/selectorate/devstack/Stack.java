package org.selectorate.devstack;

import java.nio.file.Path;

/**
 * Where the platform lives on this machine.
 *
 * @param root  the checkout: services' built jars and the launcher's artifacts are found from here
 * @param home  data and logs of every component ({@code ./.selectorate} by default)
 * @param ports the ports in use
 */
public record Stack(Path root, Path home, Ports ports, Processes processes) {
    public static final String REALM = "selectorate";
    public static final String DB_USER = "selectorate";
    public static final String DB_PASSWORD = "selectorate";
    public static final String CLIENT_SECRET = "selectorate-dev-secret";

    public static Stack at(Path root, Path home, Ports ports) {
        return new Stack(root.toAbsolutePath().normalize(), home.toAbsolutePath().normalize(), ports, new Processes(home));
    }

    public Path dir(String component) {
        return home.resolve(component);
    }

    public String keycloakUrl() {
        return "http://127.0.0.1:" + ports.of(Ports.KEYCLOAK);
    }

    public String issuer() {
        return keycloakUrl() + "/realms/" + REALM;
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + ports.of(Ports.KAFKA);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.of(Ports.GATEWAY);
    }

    public String mailApiUrl() {
        return "http://127.0.0.1:" + ports.of(Ports.MAIL_API);
    }
}
