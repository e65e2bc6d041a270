package org.selectorate.support.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Sends committed outbox events to Kafka as CloudEvents, oldest first, then marks them published.
 * At-least-once: a crash after sending and before marking resends, and consumers skip repeats by
 * event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    private final MutinyEmitter<String> emitter;
    private final URI source;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter,
                       @ConfigProperty(name = "quarkus.application.name") String service) {
        this.emitter = emitter;
        this.source = URI.create("urn:selectorate:" + service);
    }

    @Scheduled(every = "${selectorate.outbox.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            delayed = "1s")
    Uni<Void> relay() {
        return Panache.withTransaction(() -> OutboxEvent.<OutboxEvent>find("publishedAt is null order by seq")
                        .page(0, BATCH).list()
                        .call(this::sendAll)
                        .invoke(sent -> sent.forEach(e -> e.publishedAt = Instant.now())))
                .invoke(sent -> {
                    if (!sent.isEmpty()) {
                        LOG.debugf("relayed %d outbox events", sent.size());
                    }
                })
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("outbox relay failed; will retry", e))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> sendAll(List<OutboxEvent> events) {
        // One at a time keeps per-key order; batches are small and the broker is local.
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> send(OutboxEvent event) {
        Message<String> message = Message.of(event.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(event.topic)
                        .withKey(event.key)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(event.eventId.toString())
                        .withType(event.type)
                        .withSource(source)
                        .withSubject(event.key)
                        .withTimestamp(event.createdAt.atZone(java.time.ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build());
        return emitter.sendMessage(message);
    }
}
