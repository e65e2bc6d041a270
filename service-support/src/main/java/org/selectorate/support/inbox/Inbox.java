package org.selectorate.support.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies each incoming CloudEvent once. The event id is inserted in the same transaction as the
 * event's effect; a repeat (Kafka redelivery, outbox resend) finds the id taken and is skipped.
 * {@link #applyOnce} takes one message per transaction; {@link #fresh} a whole batch in one statement.
 * <p>
 * A row keeps the day it was received, no finer (the order of events such as "credential issued" must not be
 * recoverable to the second), and is purged once no redelivery can come: after {@code selectorate.inbox.retention},
 * longer than any topic's retention.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);

    /** Native SQL: one statement (and one prepared plan whatever the batch size) records a whole batch. */
    private static final String RECORD_BATCH = """
            insert into inbox_event (event_id, consumer, type, received_at)
            select e.id, ?1, e.type, current_date from unnest(cast(?2 as text[]), cast(?3 as text[])) as e(id, type)
            on conflict do nothing returning event_id
            """;

    private final MeterRegistry metrics;
    private final Duration retention;

    public Inbox(MeterRegistry metrics,
                 @ConfigProperty(name = "selectorate.inbox.retention", defaultValue = "P30D") Duration retention) {
        this.metrics = metrics;
        this.retention = retention;
    }

    /** Forgets events received before the retention: the broker no longer holds them, so none can come again. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("delete from inbox_event where received_at < cast(?1 as date)")
                        .setParameter(1, LocalDate.now(ZoneOffset.UTC).minusDays(retention.toDays()))
                        .executeUpdate()))
                .onFailure().invoke(e -> LOG.warn("inbox purge failed; will retry", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Runs {@code effect} on the event's data in one transaction with the inbox entry, then acks. An event whose data
     * cannot be read never will be: it is set aside in {@code dead_letter_event} and acked, so it does not stop the
     * channel. Any other failure (the database down) is tried again ({@link Redelivery}), and nacked only if it
     * persists.
     */
    public Uni<Void> applyOnce(Message<String> message, String consumer, Function<String, Uni<Void>> effect) {
        IncomingCloudEventMetadata<?> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElse(null);
        if (ce == null) {
            LOG.warn("dropping a message that is not a CloudEvent");
            return Uni.createFrom().completionStage(message.ack());
        }
        String type = ce.getType();
        return Redelivery.retried(consumer, () -> Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "insert into inbox_event (event_id, consumer, type, received_at) "
                                                + "values (?1, ?2, ?3, current_date) on conflict do nothing")
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
                        })), Inbox::unreadable)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure(Inbox::unreadable).recoverWithUni(e -> setAside(message, ce.getId(), consumer, type, e))
                .onFailure().call(e -> Uni.createFrom().completionStage(message.nack(e)));
    }

    private static boolean unreadable(Throwable e) {
        return unreadableBecause(e) != null;
    }

    private static JsonProcessingException unreadableBecause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    /** Records the unreadable event with its inbox row, so a redelivery is skipped, then acks it. */
    private Uni<Void> setAside(Message<String> message, String id, String consumer, String type, Throwable e) {
        String reason = unreadableBecause(e).getOriginalMessage();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                                with recorded as (
                                    insert into inbox_event (event_id, consumer, type, received_at)
                                    values (?1, ?2, ?3, current_date) on conflict do nothing returning event_id)
                                insert into dead_letter_event (event_id, consumer, type, payload, reason, received_at)
                                select event_id, ?2, ?3, ?4, ?5, current_date from recorded
                                """)
                        .setParameter(1, id)
                        .setParameter(2, consumer)
                        .setParameter(3, type)
                        .setParameter(4, String.valueOf(message.getPayload()))
                        .setParameter(5, reason)
                        .executeUpdate()))
                .invoke(() -> {
                    metrics.counter("selectorate.events.dead", "type", type).increment();
                    // The reason may quote the payload, which may name a member: it stays in the table, not the log.
                    LOG.warnf("%s set aside unreadable event %s (%s) in dead_letter_event", consumer, id, type);
                })
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    /**
     * Records a batch of events in the inbox, in the caller's transaction and in one statement, and returns the
     * events not recorded before, in their order (an id repeated within the batch is returned once). Apply
     * exactly these in the same transaction: a redelivered batch then applies nothing twice.
     */
    public <T> Uni<List<T>> fresh(String consumer, List<T> events, Function<T, String> id, Function<T, String> type) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] ids = new String[events.size()];
        String[] types = new String[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id.apply(events.get(i));
            types[i] = type.apply(events.get(i));
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD_BATCH, String.class)
                        .setParameter(1, consumer)
                        .setParameter(2, ids)
                        .setParameter(3, types)
                        .getResultList())
                .map(inserted -> {
                    Set<String> unseen = new HashSet<>(inserted);
                    List<T> out = new ArrayList<>(unseen.size());
                    Map<String, Integer> applied = new HashMap<>();
                    Map<String, Integer> duplicates = new HashMap<>();
                    for (int i = 0; i < ids.length; i++) {
                        boolean first = unseen.remove(ids[i]);
                        if (first) {
                            out.add(events.get(i));
                        }
                        (first ? applied : duplicates).merge(types[i], 1, Integer::sum);
                    }
                    applied.forEach((t, n) -> metrics.counter("selectorate.events.applied", "type", t).increment(n));
                    duplicates.forEach((t, n) -> metrics.counter("selectorate.events.duplicates", "type", t).increment(n));
                    return out;
                });
    }
}
