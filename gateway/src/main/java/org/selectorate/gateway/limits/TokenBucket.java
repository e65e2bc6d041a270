package org.selectorate.gateway.limits;

/**
 * One client's allowance in one route group. Its clock is {@link System#nanoTime()}: no time of day is kept.
 */
final class TokenBucket {
    private double tokens;
    private long filledAt;

    TokenBucket(RateLimitConfig.Limit limit, long now) {
        this.tokens = limit.burst();
        this.filledAt = now;
    }

    /** Takes a token for one request: 0 if there was one, otherwise the nanoseconds until there is. */
    synchronized long take(RateLimitConfig.Limit limit, long now) {
        refill(limit, now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / limit.perSecond() * 1e9);
    }

    /** Full again: its client has been quiet long enough that forgetting it changes nothing. */
    synchronized boolean full(RateLimitConfig.Limit limit, long now) {
        refill(limit, now);
        return tokens >= limit.burst();
    }

    private void refill(RateLimitConfig.Limit limit, long now) {
        tokens = Math.min(limit.burst(), tokens + (now - filledAt) / 1e9 * limit.perSecond());
        filledAt = now;
    }
}
