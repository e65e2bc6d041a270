package org.selectorate.notification.webhook;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An integration's subscription to some kinds of a selection's events. */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public String selectionId;

    @Column(nullable = false)
    public String url;

    /** The kinds subscribed to, comma-separated. */
    @Column(nullable = false)
    public String events;

    @Column(nullable = false)
    public String secret;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    List<String> kinds() {
        return Arrays.asList(events.split(","));
    }
}
