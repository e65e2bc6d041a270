package org.selectorate.notification.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "selectorate.webhooks")
public interface WebhookConfig {
    /**
     * Key from which each committee member's webhook secret is derived (HMAC-SHA256 of the member id); whoever
     * holds it can sign as the platform to every member's webhook.
     */
    String memberSecret();

    /** How often a dispatch round runs (read by the dispatcher's schedule; named here so it may be set). */
    @WithDefault("1s")
    Duration poll();

    /** Deliveries sent per dispatch round. */
    @WithDefault("50")
    int batch();

    /** Attempts before a delivery is marked failed. */
    @WithDefault("8")
    int maxAttempts();

    /** Delay before the first retry; doubles with each further attempt. */
    @WithDefault("5s")
    Duration firstRetry();

    /** How long a receiver may take to answer. */
    @WithDefault("10s")
    Duration timeout();

    /** Whether subscriptions may name plain http URLs (development and tests); otherwise https only. */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Whether webhooks may reach loopback, private, link-local and other non-public addresses (development and tests,
     * whose receivers listen on 127.0.0.1); otherwise such a subscription is refused and such a delivery fails.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();
}
