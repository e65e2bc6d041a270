package org.selectorate.gateway.routing;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;

/**
 * Forwards {@code /api/<route>/**} to the owning service, bearer token included: the gateway has
 * already checked the token and each service checks it again, with its own role rules.
 */
@ApplicationScoped
public class ServiceProxy {
    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

    private final GatewayConfig config;
    private final WebClient client;
    private final Upstreams upstreams;
    private final RollImports imports;
    private final RecordExports exports;

    public ServiceProxy(GatewayConfig config, Vertx vertx, Upstreams upstreams, RollImports imports,
                        RecordExports exports) {
        this.config = config;
        this.upstreams = upstreams;
        this.imports = imports;
        this.exports = exports;
        this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
                .setMaxPoolSize(config.connectionsPerService()));
    }

    void routes(@Observes Router router) {
        BodyHandler buffered = BodyHandler.create()
                .setBodyLimit(config.maxBodyMegabytes() * 1024L * 1024L)
                .setDeleteUploadedFilesOnEnd(true);
        // A members import is streamed, not buffered (RollImports).
        router.route("/api/*").handler(ctx -> {
            if (RollImports.matches(ctx)) {
                ctx.next();
            } else {
                buffered.handle(ctx);
            }
        });
        router.route("/api/*").handler(this::forward);
    }

    void log(@Observes StartupEvent start) {
        upstreams.all().forEach((name, urls) -> LOG.infof("routing /api/%s/** to %s", name, urls));
    }

    private void forward(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        String name = path.substring("/api/".length()).split("/", 2)[0];
        URI target = upstreams.pick(name);
        if (target == null) {
            Problems.send(ctx, 404, "no-such-api", "Not found", "no service serves /api/" + name);
            return;
        }
        if (RollImports.matches(ctx)) {
            imports.forward(ctx, target, name);
            return;
        }
        if (RecordExports.matches(ctx)) {
            exports.forward(ctx, target, name);
            return;
        }
        send(ctx, name, target, path, upstreams.instances(name) - 1);
    }

    /**
     * Sends the request to one instance; one that refused the connection never saw it, so the request goes on to the
     * next instance (at most once per other instance). Any other failure is a 502: the service may have acted on it.
     */
    private void send(RoutingContext ctx, String name, URI target, String path, int othersLeft) {
        HttpRequest<Buffer> request = client.request(HttpMethod.valueOf(ctx.request().method().name()),
                        destination(target, path, ctx.request().query()))
                .timeout(RollImports.timeoutMillis(config, ctx));
        ForwardedHeaders.toService(ctx.request(), request::putHeader, false);
        io.vertx.core.buffer.Buffer body = ctx.body().buffer();
        (body == null ? request.send() : request.sendBuffer(Buffer.newInstance(body)))
                .subscribe().with(
                        response -> relay(ctx, response),
                        failure -> {
                            if (upstreams.failed(target, failure) && othersLeft > 0) {
                                send(ctx, name, upstreams.pick(name), path, othersLeft - 1);
                                return;
                            }
                            LOG.warnf("%s unreachable: %s", name, failure.getMessage());
                            Problems.send(ctx, 502, "service-unavailable", "Bad gateway",
                                    "the " + name + " service did not answer");
                        });
    }

    /**
     * The configured service's host and port, never anything from the request: only the path routed on (normalised:
     * no dot segments) and the query are the client's, so no request target (absolute form, {@code //host/...},
     * {@code ..}) can make the gateway call another host or another route's service.
     */
    static RequestOptions destination(URI service, String path, String query) {
        boolean tls = "https".equalsIgnoreCase(service.getScheme());
        return new RequestOptions().setHost(service.getHost())
                .setPort(service.getPort() > 0 ? service.getPort() : tls ? 443 : 80)
                .setSsl(tls)
                .setURI(path + (query == null ? "" : "?" + query));
    }

    private static void relay(RoutingContext ctx, HttpResponse<Buffer> response) {
        var out = ctx.response().setStatusCode(response.statusCode());
        ForwardedHeaders.copy(response.headers(), out.headers()::add, false);
        Buffer body = response.body();
        if (body == null) {
            out.end();
        } else {
            out.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length())).end(body.getDelegate());
        }
    }
}
