package org.selectorate.gateway.routing;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances a route's requests go to: its {@code routes} URL and any further {@code instances}, taken in turn.
 * An instance that refused a connection (stopped, or restarting) is passed over for {@link #REST}, so requests go to
 * the others while it comes back; if every instance refused lately, the turn's instance is tried anyway.
 */
@Singleton
public class Upstreams {
    /** How long an instance that refused a connection is passed over. */
    static final Duration REST = Duration.ofSeconds(3);

    private final Map<String, List<URI>> byRoute;
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();
    private final Map<URI, Long> refusedUntil = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    public Upstreams(GatewayConfig config) {
        this(config.routes(), config.instances(), Clock.systemUTC());
    }

    Upstreams(Map<String, URI> routes, Map<String, List<URI>> instances, Clock clock) {
        Map<String, List<URI>> all = new HashMap<>();
        routes.forEach((route, first) -> {
            List<URI> urls = new ArrayList<>(List.of(first));
            instances.getOrDefault(route, List.of()).stream().filter(u -> !urls.contains(u)).forEach(urls::add);
            all.put(route, List.copyOf(urls));
        });
        this.byRoute = Map.copyOf(all);
        this.clock = clock;
    }

    /** The instance to send this request of {@code route} to; null if no service serves the route. */
    public URI pick(String route) {
        List<URI> urls = byRoute.get(route);
        if (urls == null) {
            return null;
        }
        int turn = Math.floorMod(turns.computeIfAbsent(route, r -> new AtomicInteger()).getAndIncrement(), urls.size());
        long now = clock.millis();
        for (int i = 0; i < urls.size(); i++) {
            URI candidate = urls.get((turn + i) % urls.size());
            Long until = refusedUntil.get(candidate);
            if (until == null || until <= now) {
                return candidate;
            }
        }
        return urls.get(turn);
    }

    /**
     * Notes a failed request: an instance that refused the connection rests, and true says the request never reached
     * it, so it may go to another instance; any other failure changes nothing and is not safe to send again.
     */
    public boolean failed(URI instance, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                refusedUntil.put(instance, clock.millis() + REST.toMillis());
                return true;
            }
        }
        return false;
    }

    /** How many instances serve the route (0 if none). */
    public int instances(String route) {
        return byRoute.getOrDefault(route, List.of()).size();
    }

    /** Every route's instances, for the log. */
    public Map<String, List<URI>> all() {
        return byRoute;
    }
}
