package org.selectorate.gateway.routing;

import io.vertx.core.http.HttpServerRequest;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Which headers cross the gateway, either way: never the hop-by-hop ones (RFC 9110 §7.6.1), Host (the service's own)
 * or Expect (the gateway answers it itself); Content-Length only where the body passes through as it came.
 */
final class ForwardedHeaders {
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host", "expect");

    private ForwardedHeaders() {
    }

    /** {@code streamed}: the body is relayed as it arrives, so its length still holds; else it is recomputed. */
    static void copy(Iterable<Map.Entry<String, String>> from, BiConsumer<String, String> to, boolean streamed) {
        from.forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name) && (streamed || !"content-length".equals(name))) {
                to.accept(h.getKey(), h.getValue());
            }
        });
    }

    /** The client's headers for the service, and whom the client asked for (RFC 7239). */
    static void toService(HttpServerRequest in, BiConsumer<String, String> to, boolean streamed) {
        copy(in.headers(), to, streamed);
        to.accept("Forwarded", "proto=" + in.scheme() + ";host=" + in.authority());
    }
}
