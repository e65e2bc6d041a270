package org.selectorate.gateway.limits;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RouteGroupTest {
    @ParameterizedTest
    @CsvSource({
            "POST, /api/ballots/public/ballots/9b1d/credentials, CREDENTIALS",
            "POST, /api/membership/public/selections/s-1/roll/check, ROLL_CHECK",
            "POST, /api/tally/public/ballots/9b1d/casts, CASTS",
            "GET, /api/tally/public/ballots/9b1d/entries/FFV1-CP61-8DH2-Y6G6, LOOKUPS",
            "GET, /api/tally/public/ballots/9b1d/record, LOOKUPS",
            "GET, /api/ballots/public/ballots/9b1d, LOOKUPS",
            "GET, /api/notifications/public/unsubscribe, LOOKUPS",
            "HEAD, /api/tally/public/ballots/9b1d/result, LOOKUPS",
            "POST, /api/notifications/public/ballots/9b1d/receipts, OTHER",
            "POST, /api/notifications/public/notices/n/ack, OTHER",
            "GET, /api/tally/public/ballots/9b1d/casts, LOOKUPS",
            "PUT, /api/tally/public/ballots/9b1d/casts, OTHER",
            "POST, /api/somewhere-new/public/thing, OTHER",
    })
    void anonymousRoutesHaveAGroup(String method, String path, RouteGroup group) {
        assertEquals(group, RouteGroup.of(HttpMethod.valueOf(method), path));
    }

    @Test
    void routesThatNeedATokenHaveNone() {
        assertNull(RouteGroup.of(HttpMethod.POST, "/api/ballots/selections/s/ballot/open"));
        assertNull(RouteGroup.of(HttpMethod.GET, "/"));
        assertNull(RouteGroup.of(HttpMethod.GET, "/q/openapi"));
    }

    @Test
    void anIpv6ClientIsKeyedByItsSlash64() {
        assertEquals(RateLimiter.client(SocketAddress.inetSocketAddress(1, "2001:db8:1:2:aaaa::1")),
                RateLimiter.client(SocketAddress.inetSocketAddress(1, "2001:db8:1:2:bbbb::9")));
        assertEquals("2001:db8:1:2:0:0:0:0/64",
                RateLimiter.client(SocketAddress.inetSocketAddress(1, "2001:db8:1:2:bbbb::9")));
        assertEquals("192.0.2.7", RateLimiter.client(SocketAddress.inetSocketAddress(1, "192.0.2.7")));
    }
}
