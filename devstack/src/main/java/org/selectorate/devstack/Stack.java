package org.selectorate.devstack;

import java.nio.file.Path;

/**
 * Where the platform lives on this machine.
 *
 * @param root  the checkout: services' built jars and the launcher's artifacts are found from here
 * @param home  data and logs of every component ({@code ./.selectorate} by default)
 * @param ports the ports in use
 * @param fsync whether PostgreSQL flushes its writes to disk ({@link Fsync})
 */
public record Stack(Path root, Path home, Ports ports, Processes processes, Fsync fsync) {
    public static final String REALM = "selectorate";
    /** Confidential client with the password grant, for tools and tests. */
    public static final String SERVICES_CLIENT = "selectorate-services";
    /** Confidential client with client credentials (role {@code integration}), for machine clients. */
    public static final String INTEGRATION_CLIENT = "selectorate-integration";

    /**
     * PostgreSQL's {@code fsync}. {@link #ON} is durable: a committed vote survives the machine losing power.
     * {@link #OFF} is for throw-away runs and tests only: a crash of the machine (not of PostgreSQL alone) can lose
     * or corrupt committed data. {@link #AS_BEFORE} keeps what this home last started with (on for a new home):
     * what a command that restarts a component, rather than {@code up}, asks for.
     */
    public enum Fsync { ON, OFF, AS_BEFORE }

    /** The platform under {@code home}, PostgreSQL's {@code fsync} as this home last ran it. */
    public static Stack at(Path root, Path home, Ports ports) {
        return new Stack(root.toAbsolutePath().normalize(), home.toAbsolutePath().normalize(), ports, new Processes(home),
                Fsync.AS_BEFORE);
    }

    /** The same platform with PostgreSQL's {@code fsync} as asked; it takes effect when PostgreSQL (re)starts. */
    public Stack withFsync(Fsync choice) {
        return new Stack(root, home, ports, processes, choice);
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
