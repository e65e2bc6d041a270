package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.selectorate.contracts.cast.CastSubmitted;
import org.selectorate.contracts.cast.CastsClosed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consumes the casts topic in batches, in partition order: casts are appended to their ballot's record, and a
 * ballot's {@link CastsClosed} marker drains and counts it. A batch is one transaction with its inbox rows
 * (the {@code inbox_event} table of service-support's {@code Inbox}, many rows per statement), so each event
 * is applied once however often it is delivered, at a few statements per batch rather than per cast.
 */
@ApplicationScoped
public class CastListener {
    static final String CONSUMER = "tally-service.casts";
    private static final Logger LOG = Logger.getLogger(CastListener.class);
    private static final int ROWS_PER_INSERT = 500;

    private final ObjectMapper json;
    private final RecordWriter writer;

    public CastListener(ObjectMapper json, RecordWriter writer) {
        this.json = json;
        this.writer = writer;
    }

    private record Event(String id, String type, Object payload) {
    }

    @Incoming("casts")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        Map<String, Event> events = new LinkedHashMap<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            Event event = read(record);
            if (event != null) {
                events.putIfAbsent(event.id(), event);
            }
        }
        if (events.isEmpty()) {
            return Uni.createFrom().completionStage(batch.ack());
        }
        List<Event> all = List.copyOf(events.values());
        return writer.exclusively(() -> Panache.withTransaction(() -> fresh(all)
                        .chain(ids -> writer.apply(all.stream().filter(e -> ids.contains(e.id()))
                                .map(Event::payload).toList()))))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .onFailure().call(e -> Uni.createFrom().completionStage(batch.nack(e)));
    }

    /** Records the events in the inbox; returns the ids not applied before. */
    private static Uni<Set<String>> fresh(List<Event> events) {
        Uni<List<String>> inserted = Uni.createFrom().item(new ArrayList<>());
        for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
            List<Event> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT));
            inserted = inserted.chain(ids -> insertInbox(chunk).map(more -> {
                ids.addAll(more);
                return ids;
            }));
        }
        return inserted.map(Set::copyOf);
    }

    private static Uni<List<String>> insertInbox(List<Event> events) {
        StringBuilder sql = new StringBuilder("insert into inbox_event (event_id, consumer, type, received_at) values ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(2 * i + 1).append(", '").append(CONSUMER)
                    .append("', ?").append(2 * i + 2).append(", now())");
        }
        sql.append(" on conflict do nothing returning event_id");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), String.class);
            for (int i = 0; i < events.size(); i++) {
                query.setParameter(2 * i + 1, events.get(i).id());
                query.setParameter(2 * i + 2, events.get(i).type());
            }
            return query.getResultList();
        });
    }

    /** The event in a record (CloudEvents binary mode), or null if it is none of this consumer's. */
    private Event read(KafkaRecord<String, String> record) {
        String type = header(record, "ce_type");
        String id = header(record, "ce_id");
        Class<?> payloadType = CastSubmitted.TYPE.equals(type) ? CastSubmitted.class
                : CastsClosed.TYPE.equals(type) ? CastsClosed.class : null;
        if (payloadType == null || id == null) {
            return null;
        }
        try {
            return new Event(id, type, json.readValue(record.getPayload(), payloadType));
        } catch (IOException e) {
            LOG.warnf("dropping an unreadable %s event", type);
            return null;
        }
    }

    private static String header(KafkaRecord<String, String> record, String name) {
        Header h = record.getHeaders().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
