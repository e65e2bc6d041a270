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
    private static final String EVENTS = "[\"ballot-opened\", \"ballot-closed\", \"result.declared\"]";

    /** @param events kinds from {@link Webhooks#KINDS} */
    public record NewSubscription(@Schema(example = "https://hooks.example.org/selectorate")
                                  @NotBlank @Size(max = 2000) String url,
                                  @Schema(example = EVENTS) @NotNull @NotEmpty List<@NotBlank String> events) {
    }

    /** The only answer that carries the secret. */
    public record Created(@Schema(example = "0b7e3f52-8d1c-4a8e-9f0a-3c5d2e1b4a67") UUID id,
                          @Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") String selectionId,
                          @Schema(example = "https://hooks.example.org/selectorate") String url,
                          @Schema(example = EVENTS) List<String> events,
                          @Schema(example = "whsec_ZXhhbXBsZS1vbmx5LW5vdC1hLXJlYWwtc2VjcmV0ISE=") String secret,
                          @Schema(example = "service-account-selectorate-integration") String createdBy,
                          @Schema(example = "2026-12-01T09:30:00Z") Instant createdAt) {
    }

    public record Subscription(@Schema(example = "0b7e3f52-8d1c-4a8e-9f0a-3c5d2e1b4a67") UUID id,
                               @Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") String selectionId,
                               @Schema(example = "https://hooks.example.org/selectorate") String url,
                               @Schema(example = EVENTS) List<String> events,
                               @Schema(example = "service-account-selectorate-integration") String createdBy,
                               @Schema(example = "2026-12-01T09:30:00Z") Instant createdAt) {
        static Subscription of(WebhookSubscription s) {
            return new Subscription(s.id, s.selectionId, s.url, s.kinds(), s.createdBy, s.createdAt);
        }
    }

    public record Delivery(@Schema(example = "4f8a2c6e-1b9d-4e3f-8a7c-5d2e9b1f6c38") UUID id,
                           @Schema(example = "ballot-opened") String type,
                           @Schema(example = "delivered") String status,
                           @Schema(example = "2") int attempts,
                           @Schema(example = "200") Integer lastStatus,
                           @Schema(example = "HTTP 503") String lastError,
                           @Schema(example = "2026-12-07T09:00:03Z") Instant nextAttemptAt,
                           @Schema(example = "2026-12-07T09:00:01Z") Instant createdAt,
                           @Schema(example = "2026-12-07T09:00:03Z") Instant deliveredAt,
                           @Schema(example = "2026-12-07T10:12:45Z") Instant failedAt) {
        static Delivery of(WebhookDelivery d) {
            return new Delivery(d.id, d.type, d.status, d.attempts, d.lastStatus, d.lastError,
                    WebhookDelivery.PENDING.equals(d.status) ? d.nextAttemptAt : null, d.createdAt, d.deliveredAt,
                    d.failedAt);
        }
    }

    public record MemberSecret(@Schema(example = "1f6c9a2e-7d3b-4e85-9b10-4a8e2c7f5d39") String memberId,
                               @Schema(example = "https://integrations.example.org/selectorate/committee") String webhook,
                               @Schema(example = "whsec_ZXhhbXBsZS1tZW1iZXItc2VjcmV0LW5vdC1yZWFsISE=") String secret) {
    }

    private WebhookViews() {
    }
}
