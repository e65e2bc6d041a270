package org.selectorate.gateway.limits;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.selectorate.gateway.routing.Problems;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-address token buckets on the anonymous routes, so one client cannot drain the signing key's CPU or flood the
 * record: 429 problem details with {@code Retry-After} once its bucket is empty. The address is the bucket's key in
 * memory and nothing more: it is never logged, counted by address or stored, and a bucket is forgotten once it has
 * filled up again, so nothing here can tie a cast to where it came from. Behind a reverse proxy the client address
 * is the proxy's unless {@code quarkus.http.proxy.*} trusts its forwarding headers.
 */
@ApplicationScoped
public class RateLimiter {
    /** After the request-target check (1000), ahead of CORS (300) and authentication (200). */
    static final int PRIORITY = 900;

    private final RateLimitConfig config;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final Map<RouteGroup, Map<String, TokenBucket>> buckets = new EnumMap<>(RouteGroup.class);

    public RateLimiter(RateLimitConfig config, Vertx vertx, MeterRegistry metrics) {
        this.config = config;
        this.vertx = vertx;
        this.metrics = metrics;
        for (RouteGroup group : RouteGroup.values()) {
            buckets.put(group, new ConcurrentHashMap<>());
        }
    }

    void filters(@Observes Filters filters) {
        filters.register(this::admit, PRIORITY);
    }

    void sweepPeriodically(@Observes StartupEvent start) {
        vertx.setPeriodic(config.sweepEvery().toMillis(), id -> forgetQuietClients());
    }

    private void admit(RoutingContext ctx) {
        RouteGroup group = RouteGroup.of(ctx.request().method(), ctx.normalizedPath());
        if (group == null) {
            ctx.next();
            return;
        }
        RateLimitConfig.Limit limit = config.of(group);
        long now = System.nanoTime();
        long wait = buckets.get(group).computeIfAbsent(client(ctx.request().remoteAddress()),
                key -> new TokenBucket(limit, now)).take(limit, now);
        if (wait == 0) {
            ctx.next();
            return;
        }
        metrics.counter("selectorate.gateway.rate.limited", "group", group.label()).increment();
        long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        Problems.send(ctx, 429, "too-many-requests", "Too many requests",
                "more " + group.label() + " requests came from your address than the platform admits (" + limit.burst()
                        + " at once, then " + limit.perSecond() + " a second); try again in " + seconds + " s");
    }

    /** Drops the buckets that are full again: their clients went quiet, and keeping them would only keep addresses. */
    void forgetQuietClients() {
        long now = System.nanoTime();
        buckets.forEach((group, clients) -> {
            RateLimitConfig.Limit limit = config.of(group);
            clients.entrySet().removeIf(e -> e.getValue().full(limit, now));
        });
    }

    /** How many clients a group remembers (for tests). */
    int remembered(RouteGroup group) {
        return buckets.get(group).size();
    }

    /**
     * The bucket's key: an IPv4 address, or an IPv6 address's /64, since one host usually has a whole /64 to
     * pick addresses from (RFC 7421) and would otherwise get a fresh bucket with each.
     */
    static String client(SocketAddress remote) {
        String host = remote == null ? null : remote.hostAddress();
        if (host == null || host.indexOf(':') < 0) {
            return host == null ? "" : host;
        }
        try {
            // A literal: parsed, never looked up.
            byte[] address = InetAddress.getByName(host).getAddress();
            return address.length == 16
                    ? InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(address, 8), 16)).getHostAddress() + "/64"
                    : InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }
}
