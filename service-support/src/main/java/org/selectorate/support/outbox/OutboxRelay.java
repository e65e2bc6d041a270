package org.selectorate.support.outbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.selectorate.support.lock.AdvisoryLock;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;

/**
 * Sends committed outbox events to Kafka as CloudEvents, oldest first, then deletes them: a relayed row has done
 * its job, and kept it would hold, in commit order and to the microsecond, who was issued a ballot when (and, before
 * that, access codes). At-least-once: a crash after sending and before deleting resends, and consumers skip repeats
 * by event id. Events carry no finer time than the hour: the Kafka timestamp and the CloudEvents {@code time} are
 * both cut to it, so the broker's log keeps no finer clock than the retention needs. Plain SQL, one statement to
 * read a batch and one to delete it: as entities, each event was hydrated, dirty-checked and updated on its own.
 * <p>
 * One replica relays at a time: each batch is read, sent and deleted in a transaction holding the service's relay
 * advisory lock, taken without waiting; a replica that finds it held skips its turn. Two relays reading the same
 * rows would send every event twice and, taking batches side by side, could put a later event of a key on the broker
 * before an earlier one. A relay that dies mid-batch releases the lock with its connection; its batch, not deleted,
 * is sent again by whichever replica relays next.
 * <p>
 * An event somebody waits for (a ballot's close, on its way to the count) need not wait for the next poll: after
 * its transaction commits, its writer {@link #nudge nudges} the relay.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final String NEXT = "select seq, event_id, topic, event_key, type, payload, created_at "
            + "from outbox_event where published_at is null order by seq limit " + BATCH;
    private static final String RELAYED = "delete from outbox_event where seq = any($1)";
    /** The relay's advisory lock, apart from any other in the database ("SELRELAY"). */
    public static final long LOCK = 0x5345_4c52_454c_4159L;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final URI source;
    /** A relay is running in this process: a nudge then asks it for one more batch rather than starting another. */
    private final AtomicBoolean relaying = new AtomicBoolean();
    private final AtomicBoolean nudged = new AtomicBoolean();

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter,
                       @ConfigProperty(name = "quarkus.application.name") String service) {
        this.pool = pool;
        this.emitter = emitter;
        this.source = URI.create("urn:selectorate:" + service);
    }

    @Scheduled(every = "${selectorate.outbox.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            delayed = "1s")
    Uni<Void> relay() {
        if (!relaying.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        // A full batch means more may be waiting, and a nudge during a batch that a row committed after it was read:
        // keep going until a batch comes back short with no nudge since it began.
        return Multi.createBy().repeating().uni(() -> {
                    nudged.set(false);
                    return relayBatch();
                }).whilst(sent -> sent == BATCH || nudged.get())
                .collect().last()
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("outbox relay failed; will retry", e))
                .onFailure().recoverWithNull()
                .eventually(() -> relaying.set(false));
    }

    /**
     * Relays now rather than at the next poll; call once the transaction that recorded the event has committed. A
     * nudge that comes as a relay here is finishing, or while another replica holds the lock, leaves the event to
     * the next poll: it only ever saves time.
     */
    public void nudge() {
        nudged.set(true);
        relay().subscribe().with(ignored -> { });
    }

    // Deleting after the acks is what makes it at-least-once; the transaction is there for the lock.
    private Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> AdvisoryLock.tryExclusive(connection, LOCK)
                .chain(held -> held ? relayHeld(connection) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> relayHeld(SqlConnection connection) {
        return connection.query(NEXT).execute()
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(OutboxRelay::event).toList())
                .call(this::sendAll)
                .call(sent -> deleteRelayed(connection, sent))
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

    private static Uni<Void> deleteRelayed(SqlConnection connection, List<OutboxEvent> sent) {
        if (sent.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] seqs = sent.stream().map(OutboxEvent::seq).toArray(Long[]::new);
        return connection.preparedQuery(RELAYED).execute(Tuple.of(seqs)).replaceWithVoid();
    }

    private static OutboxEvent event(Row row) {
        return new OutboxEvent(row.getLong("seq"), row.getUUID("event_id"), row.getString("topic"),
                row.getString("event_key"), row.getString("type"), row.getString("payload"),
                row.getOffsetDateTime("created_at"));
    }

    private Uni<Void> send(OutboxEvent event) {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Message<String> message = Message.of(event.payload())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(event.topic())
                        .withKey(event.key())
                        .withTimestamp(hour)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        // A Kafka timestamp makes the binary CloudEvent writer add ce_time from it (and fail to
                        // format an Instant): give it the same hour as a zoned time.
                        .withTimestamp(ZonedDateTime.ofInstant(hour, ZoneOffset.UTC))
                        .withId(event.eventId().toString())
                        .withType(event.type())
                        .withSource(source)
                        .withSubject(event.key())
                        .withDataContentType("application/json")
                        .build());
        return emitter.sendMessage(message);
    }
}
