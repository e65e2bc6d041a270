package org.selectorate.tally.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.cast.CastSubmitted;
import org.selectorate.contracts.cast.CastsClosed;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Consumes the casts topic in partition order: casts are appended to their ballot's record, and a ballot's
 * {@link CastsClosed} marker drains and counts it. Each event is applied once (redeliveries are skipped).
 */
@ApplicationScoped
public class CastListener {
    static final String CONSUMER = "tally-service.casts";

    private final Inbox inbox;
    private final ObjectMapper json;
    private final RecordWriter writer;

    public CastListener(Inbox inbox, ObjectMapper json, RecordWriter writer) {
        this.inbox = inbox;
        this.json = json;
        this.writer = writer;
    }

    @Incoming("casts")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(IncomingCloudEventMetadata::getType).orElse("");
        return switch (type) {
            case CastSubmitted.TYPE -> writer.exclusively(() -> inbox.applyOnce(message, CONSUMER,
                    payload -> writer.append(read(payload, CastSubmitted.class))));
            case CastsClosed.TYPE -> writer.exclusively(() -> inbox.applyOnce(message, CONSUMER,
                    payload -> writer.close(read(payload, CastsClosed.class).ballotId())));
            default -> Uni.createFrom().completionStage(message.ack());
        };
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + " event", e);
        }
    }
}
