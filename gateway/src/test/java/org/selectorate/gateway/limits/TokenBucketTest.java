package org.selectorate.gateway.limits;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    private static RateLimitConfig.Limit limit(int burst, double perSecond) {
        return new RateLimitConfig.Limit() {
            @Override
            public int burst() {
                return burst;
            }

            @Override
            public double perSecond() {
                return perSecond;
            }
        };
    }

    @Test
    void aBurstThenTheRefillRate() {
        RateLimitConfig.Limit limit = limit(3, 2);
        TokenBucket bucket = new TokenBucket(limit, 0);
        assertEquals(0, bucket.take(limit, 0));
        assertEquals(0, bucket.take(limit, 0));
        assertEquals(0, bucket.take(limit, 0));
        assertEquals(SECOND / 2, bucket.take(limit, 0), "half a second until the next token");
        assertEquals(SECOND / 4, bucket.take(limit, SECOND / 4));
        assertEquals(0, bucket.take(limit, SECOND / 2));
    }

    @Test
    void fullAgainOnceQuietLongEnough() {
        RateLimitConfig.Limit limit = limit(4, 1);
        TokenBucket bucket = new TokenBucket(limit, 0);
        bucket.take(limit, 0);
        bucket.take(limit, 0);
        assertFalse(bucket.full(limit, SECOND));
        assertTrue(bucket.full(limit, 2 * SECOND));
        assertTrue(bucket.full(limit, 100 * SECOND), "never more than the burst");
        bucket.take(limit, 100 * SECOND);
        bucket.take(limit, 100 * SECOND);
        bucket.take(limit, 100 * SECOND);
        assertEquals(0, bucket.take(limit, 100 * SECOND));
        assertEquals(SECOND, bucket.take(limit, 100 * SECOND));
    }
}
