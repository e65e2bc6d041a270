package org.selectorate.notification.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends due webhook deliveries, each signed afresh per attempt (same {@code webhook-id}, new timestamp), and
 * records the outcome: delivered on a 2xx answer, otherwise retried with exponential backoff, and failed after the
 * last attempt. A target that is not allowed ({@link WebhookTargets}) or that answers 410 Gone fails at once.
 * <p>
 * Replicas share the queue: a round claims its deliveries with {@code for update skip locked} in the transaction
 * that sends them and records the outcomes. A replica that dies after a receiver answered and before its commit
 * leaves the delivery pending, and it is sent again with the same {@code webhook-id}, by which receivers drop
 * repeats (Standard Webhooks).
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    /**
     * The due deliveries this replica claims: locked until its transaction ends, and skipped by every other
     * replica's round meanwhile, so each delivery is attempted by one replica.
     */
    private static final String DUE = "select * from webhook_delivery where status = ?1 and next_attempt_at <= ?2 "
            + "order by created_at, id limit ?3 for update skip locked";

    private final WebClient client;
    private final WebhookConfig config;
    private final Webhooks webhooks;
    private final WebhookTargets targets;

    public WebhookDispatcher(Vertx vertx, WebhookConfig config, Webhooks webhooks, WebhookTargets targets) {
        this.client = WebClient.create(vertx);
        this.config = config;
        this.webhooks = webhooks;
        this.targets = targets;
    }

    @Scheduled(every = "${selectorate.webhooks.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> dispatch() {
        return Multi.createBy().repeating().uni(this::dispatchBatch).whilst(n -> n == config.batch())
                .collect().last()
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("webhook dispatch failed; will retry", e))
                .onFailure().recoverWithNull();
    }

    private Uni<Integer> dispatchBatch() {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(DUE, WebhookDelivery.class)
                                .setParameter(1, WebhookDelivery.PENDING)
                                .setParameter(2, Instant.now())
                                .setParameter(3, config.batch())
                                .getResultList())
                        .call(this::sendAll))
                .map(List::size);
    }

    /**
     * Subscriptions (and so secrets) are looked up first; the requests then go out side by side, and only change the
     * loaded rows.
     */
    private Uni<Void> sendAll(List<WebhookDelivery> deliveries) {
        List<UUID> subscriptionIds = deliveries.stream().map(d -> d.subscriptionId).filter(id -> id != null)
                .distinct().toList();
        Uni<Map<UUID, WebhookSubscription>> subscriptions = subscriptionIds.isEmpty() ? Uni.createFrom().item(Map.of())
                : WebhookSubscription.<WebhookSubscription>list("id in ?1", subscriptionIds)
                .map(subs -> subs.stream().collect(Collectors.toMap(s -> s.id, Function.identity())));
        return subscriptions.chain(subs -> {
            if (deliveries.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return Uni.join().all(deliveries.stream().map(d -> send(d,
                            d.subscriptionId == null ? null : subs.get(d.subscriptionId), secret(d, subs))).toList())
                    .andCollectFailures().replaceWithVoid();
        });
    }

    private String secret(WebhookDelivery d, Map<UUID, WebhookSubscription> subs) {
        if (d.memberId != null) {
            return webhooks.memberSecret(d.memberId);
        }
        WebhookSubscription s = subs.get(d.subscriptionId);
        return s == null || s.deletedAt != null ? null : s.secret;
    }

    private Uni<Void> send(WebhookDelivery d, WebhookSubscription subscription, String secret) {
        if (secret == null) {
            d.status = WebhookDelivery.FAILED;
            d.failedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            d.lastError = "the subscription was deleted";
            return Uni.createFrom().voidItem();
        }
        d.attempts++;
        long timestamp = Instant.now().getEpochSecond();
        // The host is resolved and checked now and the request goes to the checked address (the URL still names the
        // host, for TLS and Host); a redirect is not followed, since it could lead anywhere.
        return targets.address(d.url)
                .chain(address -> client.requestAbs(HttpMethod.POST, address, d.url)
                        .followRedirects(false)
                        .timeout(config.timeout().toMillis())
                        .putHeader("content-type", "application/json")
                        .putHeader("webhook-id", d.id.toString())
                        .putHeader("webhook-timestamp", Long.toString(timestamp))
                        .putHeader("webhook-signature", WebhookSigner.sign(secret, d.id.toString(), timestamp, d.payload))
                        .sendBuffer(Buffer.buffer(d.payload)))
                .invoke(response -> {
                    d.lastStatus = response.statusCode();
                    if (response.statusCode() / 100 == 2) {
                        d.status = WebhookDelivery.DELIVERED;
                        d.deliveredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        d.lastError = null;
                    } else if (response.statusCode() == 410) {
                        gone(d, subscription);
                    } else {
                        retry(d, "HTTP " + response.statusCode());
                    }
                })
                .replaceWithVoid()
                .onFailure(WebhookTargets.Refused.class).recoverWithItem(e -> {
                    fail(d, "refused: " + e.getMessage());
                    return null;
                })
                .onFailure().recoverWithItem(e -> {
                    d.lastStatus = null;
                    retry(d, String.valueOf(e.getMessage()));
                    return null;
                });
    }

    /**
     * 410 Gone: the receiver wants nothing more. A subscription is deactivated (as if deleted; its pending deliveries
     * end failed); a committee member's own webhook, which ballot-service holds, just stops retrying this delivery.
     */
    private void gone(WebhookDelivery d, WebhookSubscription subscription) {
        if (subscription != null && subscription.deletedAt == null) {
            subscription.deletedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            fail(d, "HTTP 410 Gone: the receiver unsubscribed; the subscription is deactivated");
        } else {
            fail(d, "HTTP 410 Gone");
        }
    }

    /** Ends the delivery without retrying: retrying would not change the answer. */
    private void fail(WebhookDelivery d, String error) {
        d.lastError = error;
        d.status = WebhookDelivery.FAILED;
        d.failedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        LOG.warnf("webhook delivery %s failed: %s", d.id, error);
    }

    private void retry(WebhookDelivery d, String error) {
        d.lastError = error;
        if (d.attempts >= config.maxAttempts()) {
            d.status = WebhookDelivery.FAILED;
            d.failedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            LOG.warnf("webhook delivery %s failed after %d attempts: %s", d.id, d.attempts, error);
        } else {
            d.nextAttemptAt = Instant.now().plus(config.firstRetry().multipliedBy(1L << (d.attempts - 1)));
        }
    }
}
