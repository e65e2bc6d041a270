package org.selectorate.gateway.home;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.selectorate.gateway.routing.GatewayConfig;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /}: a plain page of the services behind the gateway and whether each is ready. */
@ApplicationScoped
public class HomePage {
    private final GatewayConfig config;
    private final WebClient client;

    public HomePage(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = WebClient.create(vertx);
    }

    void routes(@Observes Router router) {
        router.get("/").handler(this::serve);
    }

    public record ServiceHealth(String route, URI url, String status) {
    }

    public Uni<List<ServiceHealth>> health() {
        return Multi.createFrom().iterable(new TreeMap<>(config.routes()).entrySet())
                .onItem().transformToUniAndConcatenate(this::probe)
                .collect().asList();
    }

    private Uni<ServiceHealth> probe(Map.Entry<String, URI> route) {
        return client.getAbs(route.getValue().resolve("/q/health/ready").toString())
                .timeout(Duration.ofSeconds(3).toMillis())
                .send()
                .map(r -> r.statusCode() == 200 ? "UP" : "DOWN")
                .onFailure().recoverWithItem("UNREACHABLE")
                .map(status -> new ServiceHealth(route.getKey(), route.getValue(), status));
    }

    private void serve(RoutingContext ctx) {
        health().subscribe().with(services -> {
            StringBuilder rows = new StringBuilder();
            for (ServiceHealth s : services) {
                rows.append("<tr><td><code>/api/").append(s.route()).append("/</code></td><td>")
                        .append(s.url()).append("</td><td class=\"").append(s.status()).append("\">")
                        .append(s.status()).append("</td></tr>\n");
            }
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end("""
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>Selectorate</title>
                    <style>body{font-family:sans-serif;margin:2em}td,th{padding:.3em 1em;text-align:left}
                    .UP{color:#070}.DOWN,.UNREACHABLE{color:#b00}</style></head>
                    <body><h1>Selectorate</h1>
                    <p>Candidate selections anyone can check. API description: <a href="/q/openapi">/q/openapi</a>.</p>
                    <table><thead><tr><th>API</th><th>service</th><th>ready</th></tr></thead><tbody>
                    %s</tbody></table></body></html>
                    """.formatted(rows));
        }, ctx::fail);
    }
}
