package org.selectorate.support.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.function.Function;

/**
 * Applies each incoming CloudEvent once. The event id is inserted in the same transaction as the
 * event's effect; a repeat (Kafka redelivery, outbox resend) finds the id taken and is skipped.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final MeterRegistry metrics;

    public Inbox(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /**
     * Runs {@code effect} on the event's data in one transaction with the inbox entry, then acks;
     * nacks on failure so the event is retried.
     */
    public Uni<Void> applyOnce(Message<String> message, String consumer, Function<String, Uni<Void>> effect) {
        IncomingCloudEventMetadata<?> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElse(null);
        if (ce == null) {
            LOG.warn("dropping a message that is not a CloudEvent");
            return Uni.createFrom().completionStage(message.ack());
        }
        String type = ce.getType();
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "insert into inbox_event (event_id, consumer, type, received_at) "
                                                + "values (?1, ?2, ?3, now()) on conflict do nothing")
                                .setParameter(1, ce.getId())
                                .setParameter(2, consumer)
                                .setParameter(3, type)
                                .executeUpdate())
                        .chain(inserted -> {
                            if (inserted == 0) {
                                metrics.counter("selectorate.events.duplicates", "type", type).increment();
                                return Uni.createFrom().voidItem();
                            }
                            metrics.counter("selectorate.events.applied", "type", type).increment();
                            return effect.apply(message.getPayload());
                        }))
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().call(e -> Uni.createFrom().completionStage(message.nack(e)));
    }
}
