package org.selectorate.notification.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the webhooks API. */
public final class WebhookViews {
    /** @param events kinds from {@link Webhooks#KINDS} */
    public record NewSubscription(@Schema(example = "https://hooks.example.org/selectorate")
                                  @NotBlank @Size(max = 2000) String url,
                                  @NotNull @NotEmpty List<@NotBlank String> events) {
    }

    /** The only answer that carries the secret. */
    public record Created(@Schema(example = "0b7e3f52-8d1c-4a8e-9f0a-3c5d2e1b4a67") UUID id,
                          @Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") String selectionId,
                          @Schema(example = "https://hooks.example.org/selectorate") String url, List<String> events,
                          @Schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
                          @Schema(example = "service-account-selectorate-integration") String createdBy,
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
