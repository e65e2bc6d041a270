package org.selectorate.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Starts, reports on and stops the whole platform on this machine. */
public final class Devstack {
    public static final String PORTS_FILE = "ports.properties";

    private final Stack stack;
    private final PrintStream out;

    public Devstack(Stack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    /** The platform as last started under {@code home}, with the ports it was started on. */
    public static Devstack existing(Path root, Path home, PrintStream out) throws IOException {
        return new Devstack(Stack.at(root, home, Ports.load(home.resolve(PORTS_FILE))), out);
    }

    public Stack stack() {
        return stack;
    }

    public List<Component> infrastructure() {
        return List.of(new Postgres(stack), new Kafka(stack), new Mail(stack), new Keycloak(stack));
    }

    public List<Component> components() {
        List<Component> all = new ArrayList<>(infrastructure());
        all.addAll(Service.all(stack));
        return all;
    }

    public void up() throws Exception {
        refuseForeignPorts();
        Files.createDirectories(stack.home());
        stack.ports().save(stack.home().resolve(PORTS_FILE));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // Keycloak is the slowest to start: it starts alongside the rest of the infrastructure.
            List<CompletableFuture<Void>> infra = infrastructure().stream().map(c -> startAsync(c, pool)).toList();
            join(infra);
            List<Service> services = Service.all(stack);
            join(services.stream().filter(s -> !s.name().equals(Ports.GATEWAY)).map(s -> startAsync(s, pool)).toList());
            join(services.stream().filter(s -> s.name().equals(Ports.GATEWAY)).map(s -> startAsync(s, pool)).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A component is taken to be up once its port answers, so a port some other process holds (another platform on
     * the same ports, say) would pass for this platform's component, and the launcher would set up roles, topics and
     * secrets in someone else's server. Refused before anything starts.
     */
    private void refuseForeignPorts() {
        List<String> taken = new ArrayList<>();
        stack.ports().all().forEach((name, port) -> {
            if (stack.processes().running(owner(name)).isEmpty() && Probes.portOpen(port)) {
                taken.add(name + " " + port);
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports in use by another process: " + String.join(", ", taken)
                    + "; stop it, or move this platform with --port NAME=PORT");
        }
    }

    /** The component that listens on the port named {@code port}. */
    private static String owner(String port) {
        return switch (port) {
            case Ports.KAFKA_CONTROLLER -> Ports.KAFKA;
            case Ports.KEYCLOAK_MANAGEMENT -> Ports.KEYCLOAK;
            case Ports.SMTP, Ports.MAIL_API -> "mail";
            default -> port;
        };
    }

    private CompletableFuture<Void> startAsync(Component c, ExecutorService pool) {
        return CompletableFuture.runAsync(() -> {
            long start = System.nanoTime();
            try {
                c.start();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
            out.printf("  %-22s ready in %5.1f s%n", c.name(), (System.nanoTime() - start) / 1e9);
        }, pool);
    }

    private static void join(List<CompletableFuture<Void>> futures) throws Exception {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CompletionException nested && nested.getCause() != null) {
                cause = nested.getCause();
            }
            throw cause instanceof Exception ex ? ex : new IllegalStateException(cause);
        }
    }

    /** Stops services first, then the infrastructure they depend on. */
    public List<String> down() throws IOException {
        List<Component> order = new ArrayList<>(components());
        java.util.Collections.reverse(order);
        List<String> stopped = new ArrayList<>();
        for (Component c : order) {
            if (stack.processes().stop(c.name(), Duration.ofSeconds(20))) {
                stopped.add(c.name());
            }
        }
        return stopped;
    }

    /**
     * Restarts one service with extra configuration on top of the platform's, e.g. a clock running ahead
     * ({@code selectorate.clock.offset}) so a test can let a notice's lead time pass; empty restores the defaults.
     */
    public void restart(String service, Map<String, String> config) throws Exception {
        Service s = Service.all(stack).stream().filter(c -> c.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + service));
        stack.processes().stop(service, Duration.ofSeconds(20));
        s.start(config);
    }

    /** The component (infrastructure, or a service instance such as {@code tally-service-2}) named {@code name}. */
    public Component component(String name) {
        return components().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component " + name));
    }

    /** Every instance of every service, the gateway included: what a crash can take down. */
    public List<String> serviceInstances() {
        return Service.all(stack).stream().map(Service::name).toList();
    }

    /** Kills the component's processes at once (SIGKILL), as a crash would; {@link Component#start} starts it again. */
    public boolean kill(String name) {
        return stack.processes().kill(component(name).name());
    }

    /** Stops the component as {@link #down} does (asked to stop, killed after 20 s). */
    public boolean stop(String name) throws IOException {
        return stack.processes().stop(component(name).name(), Duration.ofSeconds(20));
    }

    public record Status(String name, Long pid, boolean healthy, String address) {
    }

    public List<Status> status() {
        return components().stream().map(c -> {
            Long pid = stack.processes().running(c.name()).map(ProcessHandle::pid).orElse(null);
            return new Status(c.name(), pid, pid != null && c.healthy(), c.address());
        }).toList();
    }

    /** Deletes data and logs; the platform must be down. */
    public void wipe() throws IOException {
        if (!Files.exists(stack.home())) {
            return;
        }
        Files.walkFileTree(stack.home(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
