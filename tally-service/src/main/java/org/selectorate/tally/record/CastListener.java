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
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes the casts topic in batches, in partition order: casts are appended to their ballot's record, and a
 * ballot's {@link CastsClosed} marker drains and counts it. A batch is one transaction with its inbox rows
 * ({@link Inbox#fresh}, one statement per batch), so each event is applied once however often it is delivered,
 * at a few statements per batch rather than per cast.
 */
@ApplicationScoped
public class CastListener {
    static final String CONSUMER = "tally-service.casts";
    private static final Logger LOG = Logger.getLogger(CastListener.class);

    private final ObjectMapper json;
    private final RecordWriter writer;
    private final Inbox inbox;

    public CastListener(ObjectMapper json, RecordWriter writer, Inbox inbox) {
        this.json = json;
        this.writer = writer;
        this.inbox = inbox;
    }

    private record Event(String id, String type, Object payload) {
    }

    @Incoming("casts")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        List<Event> all = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            Event event = read(record);
            if (event != null) {
                all.add(event);
            }
        }
        if (all.isEmpty()) {
            return Uni.createFrom().completionStage(batch.ack());
        }
        // The inbox also drops an event repeated within the batch.
        return writer.exclusively(() -> Panache.withTransaction(() -> inbox.fresh(CONSUMER, all, Event::id, Event::type)
                        .chain(fresh -> writer.apply(fresh.stream().map(Event::payload).toList()))))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .onFailure().call(e -> Uni.createFrom().completionStage(batch.nack(e)));
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
