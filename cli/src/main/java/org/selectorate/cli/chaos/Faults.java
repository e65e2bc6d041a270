package org.selectorate.cli.chaos;

import org.selectorate.devstack.Devstack;
import org.selectorate.devstack.Probes;
import org.selectorate.devstack.Service;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Injects one fault at a time into a running platform, drawn from a seeded {@link Random}, and then stands in for
 * what would bring the platform back in production: it starts again what was killed or stopped (Kubernetes
 * restarts a crashed pod) and restarts an instance that stays unhealthy (a failing liveness probe). Recovery is
 * timed until every component reports healthy again.
 */
final class Faults {
    enum Kind {
        KILL("kill -9 of a service instance"),
        KAFKA("Kafka restarted"),
        POSTGRES("PostgreSQL restarted"),
        SMTP("SMTP server hung");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * One fault: what was hit, for how long it was out (the outage chosen for a hung SMTP server, else 0) and how long
     * the platform then took until every component was healthy again.
     */
    record Injected(int n, Kind kind, String target, long outageMillis, long recoveryMillis, List<String> restartedUnhealthy) {
    }

    /** How long a service instance may answer not live before it is restarted (a liveness probe's three misses). */
    private static final Duration NOT_LIVE_GRACE = Duration.ofSeconds(15);
    /** How long it may stay not ready after a fault before it is restarted all the same. */
    private static final Duration UNREADY_GRACE = Duration.ofSeconds(60);
    private static final Duration RECOVERY = Duration.ofMinutes(5);

    private final Devstack devstack;
    private final Random random;
    private final Duration maxOutage;
    private final PrintStream log;
    private final List<Injected> injected = new ArrayList<>();
    /** The kinds not drawn yet: the first four faults are one of each, in a seeded order. */
    private final List<Kind> firstRound = new ArrayList<>(List.of(Kind.values()));

    Faults(Devstack devstack, long seed, Duration maxOutage, PrintStream log) {
        this.devstack = devstack;
        this.random = new Random(seed);
        this.maxOutage = maxOutage;
        this.log = log;
        Collections.shuffle(firstRound, random);
    }

    List<Injected> injected() {
        return List.copyOf(injected);
    }

    /** A seeded longest wait, between half a second and {@code max}, before the next fault. */
    long nextDelayMillis(Duration max) {
        return 500 + (long) (random.nextDouble() * Math.max(0, max.toMillis() - 500));
    }

    /** A seeded share (10 to 70 %) of a tranche of voters done before the next fault: the rest are in flight. */
    double nextShare() {
        return 0.1 + 0.6 * random.nextDouble();
    }

    /** Injects the next fault, brings the platform back and returns what happened. */
    Injected inject() throws Exception {
        int n = injected.size() + 1;
        Kind kind = draw();
        String target = switch (kind) {
            case KILL -> {
                List<String> instances = devstack.serviceInstances();
                yield instances.get(random.nextInt(instances.size()));
            }
            case KAFKA -> "kafka";
            case POSTGRES -> "postgres";
            case SMTP -> "mail";
        };
        long outage = kind == Kind.SMTP ? 2000 + (long) (random.nextDouble() * Math.max(0, maxOutage.toMillis() - 2000)) : 0;
        log.printf("fault %d: %s (%s)%s%n", n, kind.label, target, outage > 0 ? " for " + outage / 1000 + " s" : "");
        long start = System.nanoTime();
        switch (kind) {
            case KILL -> {
                devstack.kill(target);
                devstack.component(target).start();
            }
            case KAFKA, POSTGRES -> {
                devstack.stop(target);
                devstack.component(target).start();
            }
            case SMTP -> {
                devstack.stack().processes().signal(target, "STOP");
                try {
                    Thread.sleep(outage);
                } finally {
                    devstack.stack().processes().signal(target, "CONT");
                }
                // A hang's recovery runs from the moment the server answers again: its length was chosen here.
                start = System.nanoTime();
            }
        }
        List<String> restarted = awaitHealthy();
        Injected fault = new Injected(n, kind, target, outage, (System.nanoTime() - start) / 1_000_000, restarted);
        log.printf("  recovered in %.1f s%s%n", fault.recoveryMillis() / 1000.0,
                restarted.isEmpty() ? "" : "; restarted as unhealthy: " + String.join(", ", restarted));
        injected.add(fault);
        return fault;
    }

    /** One of each kind first; then kills are most of the faults: every service instance, the gateway too, is a target. */
    private Kind draw() {
        if (!firstRound.isEmpty()) {
            return firstRound.remove(0);
        }
        double x = random.nextDouble();
        return x < 0.55 ? Kind.KILL : x < 0.70 ? Kind.KAFKA : x < 0.85 ? Kind.POSTGRES : Kind.SMTP;
    }

    /**
     * Waits until every component is healthy. A service instance that answers not live for {@link #NOT_LIVE_GRACE}
     * (a channel stopped for good on a failure, as the casts channel does when its database goes away), or not ready
     * for {@link #UNREADY_GRACE}, is killed and started again, as Kubernetes' probes would have it, and named in the
     * result; a component whose process is gone is started again.
     */
    List<String> awaitHealthy() throws Exception {
        Instant deadline = Instant.now().plus(RECOVERY);
        Map<String, Instant> unreadySince = new HashMap<>();
        Map<String, Instant> notLiveSince = new HashMap<>();
        List<String> restarted = new ArrayList<>();
        while (true) {
            List<Devstack.Status> down = devstack.status().stream().filter(s -> !s.healthy()).toList();
            if (down.isEmpty()) {
                return restarted;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the platform did not recover within " + RECOVERY.toMinutes()
                        + " min: " + down.stream().map(Devstack.Status::name).toList());
            }
            for (Devstack.Status s : down) {
                Instant now = Instant.now();
                if (s.pid() == null) {
                    devstack.component(s.name()).start();
                    restarted.add(s.name());
                    continue;
                }
                if (!(devstack.component(s.name()) instanceof Service service)) {
                    continue;
                }
                Instant unready = unreadySince.computeIfAbsent(s.name(), k -> now);
                Instant notLive = Probes.httpOk(service.url() + "/q/health/live") ? null
                        : notLiveSince.computeIfAbsent(s.name(), k -> now);
                if (notLive == null) {
                    notLiveSince.remove(s.name());
                }
                if ((notLive != null && now.isAfter(notLive.plus(NOT_LIVE_GRACE))) || now.isAfter(unready.plus(UNREADY_GRACE))) {
                    devstack.kill(s.name());
                    service.start();
                    restarted.add(s.name());
                    unreadySince.remove(s.name());
                    notLiveSince.remove(s.name());
                }
            }
            Thread.sleep(250);
        }
    }
}
