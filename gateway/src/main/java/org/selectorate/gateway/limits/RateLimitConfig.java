package org.selectorate.gateway.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How many anonymous requests the gateway admits from one client address, per route group ({@link RouteGroup}).
 * Each group is a token bucket: {@code burst} requests at once, refilled at {@code per-second}. The defaults (in
 * application.properties, with the reasoning in gateway/README.md) let a hall of voters behind one NAT vote at once.
 */
@ConfigMapping(prefix = "selectorate.gateway.rate-limits")
public interface RateLimitConfig {
    Limit credentials();

    Limit rollCheck();

    Limit casts();

    Limit lookups();

    Limit other();

    /** How often buckets that have filled up again (their client went quiet) are forgotten. */
    @WithDefault("1m")
    Duration sweepEvery();

    interface Limit {
        /** Requests admitted at once from one address. */
        int burst();

        /** Requests a second the bucket refills with. */
        double perSecond();
    }

    default Limit of(RouteGroup group) {
        return switch (group) {
            case CREDENTIALS -> credentials();
            case ROLL_CHECK -> rollCheck();
            case CASTS -> casts();
            case LOOKUPS -> lookups();
            case OTHER -> other();
        };
    }
}
