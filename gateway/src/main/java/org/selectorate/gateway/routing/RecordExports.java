package org.selectorate.gateway.routing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A ballot's public record (a national one is several hundred MB) is relayed to the client as tally-service sends it,
 * never held: reading from the service pauses while the client is behind. Every other answer is buffered by the
 * proxy. A service that fails part-way closes the client's connection, so a cut record is never taken for a whole one.
 */
@ApplicationScoped
public class RecordExports {
    private static final Logger LOG = Logger.getLogger(RecordExports.class);
    private static final Pattern EXPORT = Pattern.compile("/api/tally/public/ballots/[^/]+/record");

    private final GatewayConfig config;
    private final HttpClient client;

    public RecordExports(GatewayConfig config, io.vertx.mutiny.core.Vertx vertx) {
        this.config = config;
        Vertx core = vertx.getDelegate();
        this.client = core.createHttpClient(new PoolOptions().setHttp1MaxSize(config.connectionsPerService()));
    }

    /** A record's export: the one answer streamed rather than buffered. */
    static boolean matches(RoutingContext ctx) {
        return HttpMethod.GET.equals(ctx.request().method()) && EXPORT.matcher(ctx.normalizedPath()).matches();
    }

    /** Asks the service at {@code target} for the record and relays its answer as it arrives. */
    void forward(RoutingContext ctx, URI target, String name) {
        RequestOptions options = ServiceProxy.destination(target, ctx.normalizedPath(), ctx.request().query())
                .setMethod(HttpMethod.GET)
                // tally-service writes the whole record out before its first byte: as long as a roll's work.
                .setTimeout(config.rollTimeout().toMillis());
        client.request(options).compose(out -> {
            ForwardedHeaders.toService(ctx.request(), out::putHeader, true);
            return out.send();
        }).onComplete(answered -> {
            if (answered.failed()) {
                LOG.warnf("%s unreachable: %s", name, answered.cause().getMessage());
                Problems.send(ctx, 502, "service-unavailable", "Bad gateway", "the " + name + " service did not answer");
                return;
            }
            relay(ctx, answered.result());
        });
    }

    private static void relay(RoutingContext ctx, HttpClientResponse response) {
        HttpServerResponse out = ctx.response().setStatusCode(response.statusCode());
        ForwardedHeaders.copy(response.headers(), out.headers()::add, true);
        if (response.getHeader("Content-Length") == null) {
            out.setChunked(true);
        }
        response.pipe().endOnFailure(false).to(out).onFailure(e -> {
            LOG.warnf("a record export broke off: %s", e.getMessage());
            ctx.request().connection().close();
        });
    }
}
