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
        // A full batch means more may be waiting: keep going until a batch comes back short.
        return Multi.createBy().repeating().uni(this::relayBatch).whilst(sent -> sent == BATCH)
                .collect().last()
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("outbox relay failed; will retry", e))
                .onFailure().recoverWithNull();
    }

    private Uni<Integer> relayBatch() {
        return Panache.withTransaction(() -> OutboxEvent.<OutboxEvent>find("publishedAt is null order by seq")
                        .page(0, BATCH).list()
                        .call(this::sendAll)
                        .invoke(sent -> sent.forEach(e -> e.publishedAt = Instant.now())))
                .map(List::size)
                .invoke(n -> {
                    if (n > 0) {
                        LOG.debugf("relayed %d outbox events", n);
                    }
                });
    }

    private Uni<Void> sendAll(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Sends are issued in commit order and the idempotent producer keeps that order per partition;
        // waiting for all acks together keeps the relay from paying one round trip per event.
        return Uni.join().all(events.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
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
