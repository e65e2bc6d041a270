package org.selectorate.notification.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a webhook may be sent: an absolute https URL (http if {@code allow-http}) whose host resolves only to public
 * addresses ({@link AddressRules}) unless {@code allow-private-addresses}. Checked when a subscription is made and
 * again before every attempt, since a name can be pointed elsewhere after it was checked; the attempt then connects
 * to the address that was checked.
 */
@ApplicationScoped
public class WebhookTargets {
    static final String RULE = "a webhook must reach a public address: not loopback, link-local, private, "
            + "carrier-grade NAT, unique-local, multicast or unspecified";

    private final WebhookConfig config;
    private final Vertx vertx;

    public WebhookTargets(WebhookConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    /** A delivery may not go to this URL; retrying will not help. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * What is wrong with {@code url} as a subscription's target (empty if nothing). A host that does not resolve
     * from here is admitted: each delivery checks it again.
     */
    public Uni<List<String>> problems(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Uni.createFrom().item(List.of("url: not a URL"));
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) && config.allowHttp();
        if (!(https || http) || uri.getHost() == null) {
            return Uni.createFrom().item(List.of("url: must be an absolute https URL"));
        }
        return addresses(uri.getHost())
                .map(addresses -> {
                    List<String> problems = new ArrayList<>();
                    String refusal = refusal(uri.getHost(), addresses);
                    if (refusal != null) {
                        problems.add("url: " + refusal);
                    }
                    return problems;
                })
                .onFailure(UnknownHostException.class).recoverWithItem(List.of());
    }

    /**
     * The address a delivery to {@code url} connects to: its host resolved now, every address checked. Fails with
     * {@link Refused} if the URL is not absolute http(s) or any address is not allowed, or with the resolver's error
     * (worth retrying) if the host does not resolve.
     */
    public Uni<SocketAddress> address(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Uni.createFrom().failure(new Refused("not a URL"));
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!(https || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            return Uni.createFrom().failure(new Refused("not an absolute http(s) URL"));
        }
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        return addresses(uri.getHost()).map(addresses -> {
            String refusal = refusal(uri.getHost(), addresses);
            if (refusal != null) {
                throw new Refused(refusal);
            }
            return SocketAddress.inetSocketAddress(new InetSocketAddress(addresses.get(0), port));
        });
    }

    /** Every address of the host (an IP literal is itself); resolving blocks, so off the event loop. */
    private Uni<List<InetAddress>> addresses(String host) {
        return vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
    }

    private String refusal(String host, List<InetAddress> addresses) {
        if (config.allowPrivateAddresses()) {
            return null;
        }
        for (InetAddress address : addresses) {
            String rule = AddressRules.refusal(address);
            if (rule != null) {
                return host + " (" + AddressRules.literal(address) + ") is " + rule + "; " + RULE;
            }
        }
        return null;
    }
}
