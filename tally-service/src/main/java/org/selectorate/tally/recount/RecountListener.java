package org.selectorate.tally.recount;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.result.RecountOrdered;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Recounts ordered on appeal, from ballot-service on the results topic; every other result is acked unread. */
@ApplicationScoped
public class RecountListener {
    static final String CONSUMER = "tally-service.recounts";

    private final Inbox inbox;
    private final ObjectMapper json;
    private final RecountService recounts;

    public RecountListener(Inbox inbox, ObjectMapper json, RecountService recounts) {
        this.inbox = inbox;
        this.json = json;
        this.recounts = recounts;
    }

    @Incoming("recounts")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(IncomingCloudEventMetadata::getType).orElse("");
        if (!RecountOrdered.TYPE.equals(type)) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return inbox.applyOnce(message, CONSUMER, payload -> recounts.recount(read(payload)));
    }

    private RecountOrdered read(String payload) {
        try {
            return json.readValue(payload, RecountOrdered.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable RecountOrdered event", e);
        }
    }
}
