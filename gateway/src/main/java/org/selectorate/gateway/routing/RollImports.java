package org.selectorate.gateway.routing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A constituency's members file (a national roll is a few hundred MB) is piped to membership-service as it arrives,
 * never held: each chunk read is written upstream, reading pauses while the service is behind, and the bytes are
 * counted against {@code selectorate.gateway.import-max-megabytes}. Passing it ends the upload with 413 problem
 * details and resets the upstream request, which membership-service sees as a broken file: nothing is imported.
 * Every other route keeps the proxy's buffered body and its smaller limit.
 */
@ApplicationScoped
public class RollImports {
    private static final Logger LOG = Logger.getLogger(RollImports.class);
    private static final Pattern IMPORT = Pattern.compile("/api/membership/constituencies/[^/]+/members");
    private static final Pattern FREEZE = Pattern.compile("/api/membership/selections/[^/]+/roll/freeze");
    /** Opening a ballot mints, seals and queues an access code for every elector on its roll. */
    private static final Pattern OPEN = Pattern.compile("/api/ballots/ballots/[^/]+/open");

    private final GatewayConfig config;
    private final HttpClient client;

    public RollImports(GatewayConfig config, io.vertx.mutiny.core.Vertx vertx) {
        this.config = config;
        Vertx core = vertx.getDelegate();
        // Few imports run at once; each holds its connection for the whole upload.
        this.client = core.createHttpClient(new PoolOptions().setHttp1MaxSize(8));
    }

    /** A members import: the one route whose body is streamed rather than buffered. */
    static boolean matches(RoutingContext ctx) {
        return HttpMethod.POST.equals(ctx.request().method()) && IMPORT.matcher(ctx.normalizedPath()).matches();
    }

    /**
     * How long the service may take to answer: longer for a roll's import or freeze, or a ballot's opening, which
     * grow with the roll.
     */
    static long timeoutMillis(GatewayConfig config, RoutingContext ctx) {
        String path = ctx.normalizedPath();
        boolean rollWork = HttpMethod.POST.equals(ctx.request().method()) && (IMPORT.matcher(path).matches()
                || FREEZE.matcher(path).matches() || OPEN.matcher(path).matches());
        return (rollWork ? config.rollTimeout() : config.timeout()).toMillis();
    }

    static long limitBytes(GatewayConfig config) {
        return config.importMaxMegabytes() * 1024L * 1024L;
    }

    static String tooLarge(GatewayConfig config) {
        return "the gateway forwards members files of at most " + config.importMaxMegabytes() + " MB";
    }

    /** Streams the request to the service at {@code target} and relays its answer. */
    void forward(RoutingContext ctx, URI target, String name) {
        HttpServerRequest in = ctx.request();
        in.pause();
        RequestOptions options = ServiceProxy.destination(target, ctx.normalizedPath(), in.query())
                .setMethod(HttpMethod.POST)
                // An import reads, checks and writes as the file arrives: as long as the upload, not a call's 30 s.
                .setTimeout(config.rollTimeout().toMillis());
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                unreachable(ctx, name, opened.cause());
                return;
            }
            pipe(ctx, opened.result(), name);
        });
    }

    private void pipe(RoutingContext ctx, HttpClientRequest out, String name) {
        HttpServerRequest in = ctx.request();
        ForwardedHeaders.toService(in, out::putHeader, true);
        if (in.getHeader("Content-Length") == null) {
            out.setChunked(true);
        }
        out.response().onComplete(answered -> {
            if (answered.succeeded()) {
                relay(ctx, answered.result());
            } else if (!ctx.response().ended() && !ctx.response().headWritten()) {
                unreachable(ctx, name, answered.cause());
            }
        });
        if ("100-continue".equalsIgnoreCase(in.getHeader("Expect"))) {
            // curl asks before sending a large file; the buffered routes' body handler answers, here we do.
            ctx.response().writeContinue();
        }
        long limit = limitBytes(config);
        long[] received = {0};
        in.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > limit) {
                in.handler(null);
                out.reset();
                ctx.response().putHeader("Connection", "close");
                Problems.send(ctx, 413, "body-too-large", "Request body too large", tooLarge(config));
                return;
            }
            out.write(chunk);
            if (out.writeQueueFull()) {
                in.pause();
                out.drainHandler(v -> in.resume());
            }
        });
        in.endHandler(v -> {
            if (received[0] <= limit) {
                out.end();
            }
        });
        in.exceptionHandler(e -> out.reset());
        in.resume();
    }

    private static void relay(RoutingContext ctx, HttpClientResponse response) {
        HttpServerResponse out = ctx.response();
        if (out.ended()) {
            return;
        }
        out.setStatusCode(response.statusCode());
        ForwardedHeaders.copy(response.headers(), out.headers()::add, false);
        response.body().onComplete(body -> {
            if (out.ended()) {
                return;
            }
            Buffer b = body.succeeded() ? body.result() : Buffer.buffer();
            out.end(b);
        });
    }

    private static void unreachable(RoutingContext ctx, String name, Throwable cause) {
        LOG.warnf("%s import failed: %s", name, cause.getMessage());
        if (!ctx.response().ended()) {
            Problems.send(ctx, 502, "service-unavailable", "Bad gateway", "the " + name + " service did not answer");
        }
    }
}
