package org.selectorate.gateway.pages;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.selectorate.gateway.routing.GatewayConfig;
import org.selectorate.gateway.routing.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web pages people use, built from {@code web/} (the {@code web} module's jar): each page's HTML in
 * {@code META-INF/selectorate-pages/}, served here at its route, and their scripts and styles in
 * {@code META-INF/resources/assets/}, which Quarkus serves as static resources. Each page reads its ballot or
 * selection from its own path and talks to the platform's public API like any other client. Every page and asset
 * goes out with the headers in {@link #secure}; the console ({@code /console}) also names the Keycloak realm it logs
 * in at.
 */
@ApplicationScoped
public class Pages {
    /** Page paths, each with the id it is about; the id is checked here so a page never has to render a bad one. */
    static final Map<String, String> ROUTES = Map.of(
            "/vote/:id", "vote",
            "/record/:id", "record",
            "/roll/:id", "roll");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /**
     * Scripts and styles only from this origin, no inline script or style, nothing framed, no plugins; the pages
     * call the API on the same origin.
     */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final Map<String, Buffer> html = new ConcurrentHashMap<>();
    private final URI issuer;

    public Pages(GatewayConfig config) {
        this.issuer = config.publicIssuer();
    }

    void routes(@Observes Router router) {
        // Ahead of the static resources, so assets get the same headers as pages.
        router.route("/assets/*").order(-10).handler(ctx -> {
            secure(ctx, CSP);
            ctx.next();
        });
        ROUTES.forEach((path, page) -> router.get(path).handler(ctx -> serve(ctx, page)));
        router.get("/console").handler(this::console);
    }

    /**
     * The officers' console: it logs in at Keycloak (authorization code with PKCE), so its page names the realm's
     * URL and its policy lets it reach that origin for tokens, and nothing else beyond this one.
     */
    private void console(RoutingContext ctx) {
        secure(ctx, consolePolicy(issuer));
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store")
                .end(html.computeIfAbsent("console", page -> Buffer.buffer(load(page).toString()
                        .replace("{{issuer}}", escapeAttribute(issuer.toString())))));
    }

    static String consolePolicy(URI issuer) {
        String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        return CSP.replace("connect-src 'self'", "connect-src 'self' " + origin);
    }

    private static String escapeAttribute(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private void serve(RoutingContext ctx, String page) {
        if (!ID.matcher(ctx.pathParam("id")).matches()) {
            Problems.send(ctx, 404, "not-found", "Not found", "no such page: an id is a UUID in lower case");
            return;
        }
        secure(ctx, CSP);
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                // The vote page's URL names a ballot; its access code is in the fragment, which is never sent.
                .putHeader("Cache-Control", "no-store")
                .end(html.computeIfAbsent(page, Pages::load));
    }

    /**
     * Security headers for pages and their assets. No referrer: a page's path names a ballot or selection, and a
     * link followed from it must not tell another site which.
     */
    static void secure(RoutingContext ctx, String policy) {
        ctx.response().putHeader("Content-Security-Policy", policy)
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cross-Origin-Opener-Policy", "same-origin")
                .putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    }

    private static Buffer load(String page) {
        String resource = "META-INF/selectorate-pages/" + page + ".html";
        try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: the web build (web/, npm run build) did "
                        + "not run into this gateway's classes");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
