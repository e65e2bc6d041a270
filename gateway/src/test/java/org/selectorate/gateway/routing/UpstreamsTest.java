package org.selectorate.gateway.routing;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Requests of a route shared among its instances, passing over one that refused a connection a moment ago. */
class UpstreamsTest {
    private static final URI A = URI.create("http://127.0.0.1:18083");
    private static final URI B = URI.create("http://127.0.0.1:19083");
    private static final URI C = URI.create("http://127.0.0.1:20083");

    private final MutableClock clock = new MutableClock();
    private final Upstreams upstreams = new Upstreams(Map.of("tally", A, "ballots", URI.create("http://127.0.0.1:18082")),
            Map.of("tally", List.of(B, C)), clock);

    @Test
    void instancesTakeTurns() {
        assertEquals(List.of(A, B, C, A, B, C), picks("tally", 6));
        assertEquals(URI.create("http://127.0.0.1:18082"), upstreams.pick("ballots"), "one instance: always it");
        assertNull(upstreams.pick("nobody"));
        assertEquals(3, upstreams.instances("tally"));
        assertEquals(0, upstreams.instances("nobody"));
    }

    @Test
    void aRefusingInstanceRestsThenComesBack() {
        assertTrue(upstreams.failed(B, new RuntimeException(new ConnectException("Connection refused"))),
                "a refused connection never reached B: the request may go to another instance");
        assertEquals(List.of(A, C, C, A, C, C), picks("tally", 6), "B is passed over; its turns go to the next");
        clock.advance(Upstreams.REST.plusMillis(1));
        assertEquals(List.of(A, B, C), picks("tally", 3));
    }

    @Test
    void aSlowAnswerIsNoReasonToPassAnInstanceOver() {
        assertFalse(upstreams.failed(B, new TimeoutException("no answer in 30 s")),
                "B may have acted on a request it did not answer in time: not safe to send again");
        assertEquals(List.of(A, B, C), picks("tally", 3));
    }

    @Test
    void whenEveryInstanceRefusedTheTurnsGoOn() {
        List.of(A, B, C).forEach(u -> upstreams.failed(u, new ConnectException("Connection refused")));
        assertEquals(List.of(A, B, C), picks("tally", 3));
    }

    private List<URI> picks(String route, int n) {
        return IntStream.range(0, n).mapToObj(i -> upstreams.pick(route)).toList();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
