package org.selectorate.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Where each {@code /api/<name>/**} prefix is routed. */
@ConfigMapping(prefix = "selectorate.gateway")
public interface GatewayConfig {
    /** Route name (the path segment after {@code /api/}) to the service's base URL. */
    Map<String, URI> routes();

    /**
     * Further instances of a route's service, comma-separated, besides its {@code routes} URL: requests are shared
     * among them all in turn ({@link Upstreams}). None by default.
     */
    Map<String, List<URI>> instances();

    @WithDefault("30s")
    Duration timeout();

    /**
     * Connections kept open to each service. Vert.x's default of 5 would queue requests in the gateway at a poll's
     * peak, though each service, waiting on its database for most of a request, can serve many more at once.
     */
    @WithDefault("64")
    int connectionsPerService();

    /** Largest request body forwarded, buffered, on every route but the members import. */
    @WithDefault("64")
    int maxBodyMegabytes();

    /**
     * Largest members file forwarded, streamed as it arrives ({@link RollImports}): an 800,000-member national roll
     * is about 130 MB.
     */
    @WithDefault("1024")
    int importMaxMegabytes();

    /**
     * How long a national roll's work may take: a members import (upload included), a roll freeze (800,000
     * members sorted, hashed and announced take tens of seconds on a busy machine, past {@link #timeout()}) and a
     * ballot's opening (a code minted, sealed and queued for each of them: minutes).
     */
    @WithDefault("15m")
    Duration rollTimeout();

    /**
     * The Keycloak realm's URL as a browser reaches it, for the console's login: the services' own
     * ({@code quarkus.oidc.auth-server-url}) unless Keycloak is published elsewhere.
     */
    URI publicIssuer();
}
