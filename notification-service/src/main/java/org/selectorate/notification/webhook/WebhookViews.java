package org.selectorate.notification.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the webhooks API. */
public final class WebhookViews {
    /** @param events kinds from {@link Webhooks#KINDS} */
    public record NewSubscription(@NotBlank @Size(max = 2000) String url,
                                  @NotNull @NotEmpty List<@NotBlank String> events) {
    }

    /** The only answer that carries the secret. */
    public record Created(UUID id, String selectionId, String url, List<String> events, String secret, String createdBy,
                          Instant createdAt) {
    }

    public record Subscription(UUID id, String selectionId, String url, List<String> events, String createdBy,
                               Instant createdAt) {
        static Subscription of(WebhookSubscription s) {
            return new Subscription(s.id, s.selectionId, s.url, s.kinds(), s.createdBy, s.createdAt);
        }
    }

    public record Delivery(UUID id, String type, String status, int attempts, Integer lastStatus, String lastError,
                           Instant nextAttemptAt, Instant createdAt, Instant deliveredAt, Instant failedAt) {
        static Delivery of(WebhookDelivery d) {
            return new Delivery(d.id, d.type, d.status, d.attempts, d.lastStatus, d.lastError,
                    WebhookDelivery.PENDING.equals(d.status) ? d.nextAttemptAt : null, d.createdAt, d.deliveredAt,
                    d.failedAt);
        }
    }

    public record MemberSecret(String memberId, String webhook, String secret) {
    }

    private WebhookViews() {
    }
}
