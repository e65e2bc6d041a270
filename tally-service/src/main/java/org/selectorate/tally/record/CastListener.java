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
import org.selectorate.support.inbox.Redelivery;
import org.selectorate.tally.cast.CastSeal;
import org.selectorate.tally.count.CountDue;
import org.selectorate.tally.paper.CountRequested;
import org.selectorate.tally.paper.PaperBatchAgreed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Consumes the casts topic in batches, in partition order: casts (sealed by the endpoint, opened here with the key
 * file every replica shares; see {@link CastSeal}) are held for their ballot's next mix, a
 * ballot's {@link CastsClosed} marker mixes in what is held and makes the record final, its count due (or, with paper
 * channels, waits for {@link CountRequested}); {@link PaperBatchAgreed} appends a batch of paper votes. A batch is one transaction, so nothing
 * acked is lost. A cast delivered twice is held once ({@code pending_cast} and the record are keyed by token), so
 * casts need no inbox row; the markers keep theirs ({@link Inbox#fresh}, one statement per batch). A batch that fails
 * (the database down) is applied again ({@link Redelivery}) rather than stopping the channel.
 */
@ApplicationScoped
public class CastListener {
    static final String CONSUMER = "tally-service.casts";
    private static final Logger LOG = Logger.getLogger(CastListener.class);

    private final ObjectMapper json;
    private final CastSeal seal;
    private final RecordWriter writer;
    private final Inbox inbox;
    private final CountDue counts;

    public CastListener(ObjectMapper json, CastSeal seal, RecordWriter writer, Inbox inbox, CountDue counts) {
        this.json = json;
        this.seal = seal;
        this.writer = writer;
        this.inbox = inbox;
        this.counts = counts;
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
        // Markers (the close, agreed paper batches, a requested count) are applied once, through the inbox.
        List<Event> markers = all.stream().filter(e -> !(e.payload() instanceof CastSubmitted)).toList();
        // The inbox also drops a marker repeated within the batch: keep exactly the instances it returns.
        // A failed attempt (the database down or restarting) rolled back and dropped the in-memory records: the
        // batch is applied again from the tables' state, so the channel waits for the database instead of stopping.
        return Redelivery.retried(CONSUMER, () -> writer.exclusively(() -> Panache.withTransaction(() ->
                        inbox.fresh(CONSUMER, markers, Event::id, Event::type)
                                .chain(fresh -> {
                                    Set<Event> applied = Collections.newSetFromMap(new IdentityHashMap<>());
                                    applied.addAll(fresh);
                                    return writer.apply(all.stream()
                                            .filter(e -> e.payload() instanceof CastSubmitted || applied.contains(e))
                                            .map(Event::payload).toList());
                                }))))
                // a marker may have made a count due (the close, a requested count): it need not wait for the tick
                .invoke(() -> {
                    if (!markers.isEmpty()) {
                        counts.soon();
                    }
                })
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .onFailure().call(e -> Uni.createFrom().completionStage(batch.nack(e)));
    }

    /**
     * The event in a record (CloudEvents binary mode), or null if it is none of this consumer's. A cast that does not
     * open for its key's ballot with this service's key file (sent in clear, sealed for another ballot or with
     * another key, altered) is unreadable: dropped, like any event that does not parse.
     */
    private Event read(KafkaRecord<String, String> record) {
        String type = header(record, "ce_type");
        String id = header(record, "ce_id");
        if (id == null || record.getPayload() == null) {
            return null;
        }
        try {
            if (CastSubmitted.TYPE.equals(type)) {
                return new Event(id, type, seal.fromTopic(record.getKey(), record.getPayload()));
            }
            Class<?> marker = switch (type == null ? "" : type) {
                case CastsClosed.TYPE -> CastsClosed.class;
                case PaperBatchAgreed.TYPE -> PaperBatchAgreed.class;
                case CountRequested.TYPE -> CountRequested.class;
                default -> null;
            };
            return marker == null ? null : new Event(id, type, json.readValue(record.getPayload(), marker));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            LOG.warnf("dropping an unreadable %s event", type);
            return null;
        }
    }

    private static String header(KafkaRecord<String, String> record, String name) {
        Header h = record.getHeaders().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
