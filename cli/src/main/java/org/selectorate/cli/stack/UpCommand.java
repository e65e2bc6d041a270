package org.selectorate.cli.stack;

import org.selectorate.devstack.Devstack;
import org.selectorate.devstack.Ports;
import org.selectorate.devstack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "up", description = "Starts the whole platform on 127.0.0.1: PostgreSQL, Kafka, Keycloak, SMTP and the services.")
public final class UpCommand implements Callable<Integer> {
    @Mixin
    StackOptions options;

    @Option(names = "--fresh", description = "Stop anything running and wipe data and logs first.")
    boolean fresh;

    @Option(names = "--port", paramLabel = "NAME=PORT", description = "Override a port, e.g. --port gateway=28080 (repeatable).")
    Map<String, Integer> ports = Map.of();

    @Option(names = "--replicas", paramLabel = "SERVICE=N", split = ",",
            description = "Run N instances of a service (membership-service, ballot-service, tally-service, "
                    + "notification-service), e.g. --replicas tally-service=2,ballot-service=2; the n-th listens on "
                    + "the service's port + " + Ports.INSTANCE_STEP + " x (n - 1). Kept for later runs of up.")
    Map<String, Integer> replicas = Map.of();

    @Option(names = "--no-fsync", description = "Throw-away runs only: PostgreSQL does not flush to disk, so a crash of "
            + "the machine can lose committed votes. By default the platform is durable (fsync on). Kept for later "
            + "restarts of PostgreSQL under this home until up is run again.")
    boolean noFsync;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        if (fresh) {
            Devstack previous = Devstack.existing(options.root(), options.home(), System.out);
            previous.down();
            previous.wipe();
        } else if ((!ports.isEmpty() || !replicas.isEmpty()) && Devstack.existing(options.root(), options.home(), System.out).status().stream()
                .anyMatch(s -> s.pid() != null)) {
            throw new IllegalArgumentException("the platform is running; stop it (./selectorate down) before changing "
                    + "ports or instances");
        }
        Ports chosen = chosen(Ports.load(options.home().resolve(Devstack.PORTS_FILE)));
        Devstack devstack = new Devstack(Stack.at(options.root(), options.home(), chosen)
                .withFsync(noFsync ? Stack.Fsync.OFF : Stack.Fsync.ON), System.out);
        System.out.println("Starting Selectorate (data and logs in " + options.home() + ")");
        devstack.up();
        DemoOrganisation.ensure(devstack.stack(), System.out);
        System.out.printf("%nSelectorate is up in %.1f s.%n%n", (System.nanoTime() - start) / 1e9);
        StatusCommand.print(devstack, System.out);
        System.out.println();
        System.out.println("Web and API:   " + devstack.stack().gatewayUrl() + "/   (OpenAPI: " + devstack.stack().gatewayUrl() + "/q/openapi)");
        System.out.println("Demo users (Keycloak realm " + Stack.REALM + "; demo data, password is <user>-demo):");
        DemoOrganisation.USERS.forEach((user, what) -> System.out.printf("  %-11s %s%n", user, what));
        // Client secrets are made per home: printed as the file that holds them, not their value.
        var keys = devstack.stack().keys();
        System.out.println("Token:  curl -d grant_type=password -d client_id=" + Stack.SERVICES_CLIENT
                + " -d client_secret=$(cat " + keys.resolve(Stack.SERVICES_CLIENT + ".secret")
                + ") -d username=hq -d password=hq-demo " + devstack.stack().issuer() + "/protocol/openid-connect/token");
        System.out.println("Integrations: client " + Stack.INTEGRATION_CLIENT + ", client credentials, secret in "
                + keys.resolve(Stack.INTEGRATION_CLIENT + ".secret"));
        System.out.println("Stop with ./selectorate down");
        return 0;
    }

    /**
     * The ports and instances to start with: those saved by the last run unless given again. New ports start from
     * the defaults; instance counts given override the saved ones, service by service.
     */
    Ports chosen(Ports saved) {
        Ports base = ports.isEmpty() ? saved : Ports.defaultsWith(ports).withReplicas(saved.replicas());
        return base.withReplicas(replicas);
    }
}
