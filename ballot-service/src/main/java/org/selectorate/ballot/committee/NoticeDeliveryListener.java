package org.selectorate.ballot.committee;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.notice.NoticeDelivered;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/** Remembers which committee member was delivered which notice and when: what {@link NoticeGate} checks. */
@ApplicationScoped
public class NoticeDeliveryListener {
    private final Inbox inbox;
    private final ObjectMapper json;

    public NoticeDeliveryListener(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("notices")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse("");
        if (!NoticeDelivered.TYPE.equals(type)) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return inbox.applyOnce(message, "ballot-service", payload -> {
            NoticeDelivered event = read(payload);
            return NoticeDelivery.findById(event.noticeId()).chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().voidItem();
                }
                NoticeDelivery delivery = new NoticeDelivery();
                delivery.noticeId = event.noticeId();
                delivery.selectionId = UUID.fromString(event.selectionId());
                delivery.memberId = UUID.fromString(event.memberId());
                delivery.kind = event.kind();
                delivery.deliveredAt = event.deliveredAt();
                return delivery.persist().replaceWithVoid();
            });
        });
    }

    private NoticeDelivered read(String payload) {
        try {
            return json.readValue(payload, NoticeDelivered.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable NoticeDelivered", e);
        }
    }
}
