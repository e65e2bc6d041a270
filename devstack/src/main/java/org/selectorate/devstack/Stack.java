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
    /** Confidential client with the password grant, for tools and tests. */
    public static final String SERVICES_CLIENT = "selectorate-services";
    /** Confidential client with client credentials (role {@code integration}), for machine clients. */
    public static final String INTEGRATION_CLIENT = "selectorate-integration";

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

    /** Where this home's keys and secrets are (mode 0700): none is a default, each is made at the first start. */
    public Path keys() {
        return dir("keys");
    }

    /** The secret of the Keycloak client {@link #SERVICES_CLIENT} or {@link #INTEGRATION_CLIENT} of this home. */
    public String clientSecret(String clientId) {
        return new Keys(this).clientSecret(clientId);
    }

    /** The password of {@code database}'s role, which has the database's name and may connect to it alone. */
    public String databasePassword(String database) {
        return new Keys(this).databasePassword(database);
    }
}
