package org.selectorate.ballot.committee;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.selectorate.contracts.notice.NoticeBounced;
import org.selectorate.contracts.notice.NoticeDelivered;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Remembers which committee member was delivered which notice and when, and which of those bounced for good:
 * what {@link NoticeGate} checks.
 */
@ApplicationScoped
public class NoticeDeliveryListener {
    private static final Logger LOG = Logger.getLogger(NoticeDeliveryListener.class);

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
        return switch (type) {
            case NoticeDelivered.TYPE -> inbox.applyOnce(message, "ballot-service",
                    payload -> delivered(read(payload, NoticeDelivered.class)));
            case NoticeBounced.TYPE -> inbox.applyOnce(message, "ballot-service",
                    payload -> bounced(read(payload, NoticeBounced.class)));
            default -> Uni.createFrom().completionStage(message.ack());
        };
    }

    private Uni<Void> delivered(NoticeDelivered event) {
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
            delivery.meetingId = event.meetingId() == null ? null : UUID.fromString(event.meetingId());
            delivery.sequence = event.sequence();
            return delivery.persist().replaceWithVoid();
        });
    }

    /** Both events are keyed by selection, so a bounce arrives after the delivery it undoes. */
    private Uni<Void> bounced(NoticeBounced event) {
        if (!event.permanent()) {
            return Uni.createFrom().voidItem();
        }
        return NoticeDelivery.<NoticeDelivery>findById(event.noticeId()).invoke(delivery -> {
            if (delivery == null) {
                LOG.warnf("bounce of notice %s, whose delivery was never reported", event.noticeId());
            } else if (delivery.bouncedAt == null) {
                delivery.bouncedAt = event.bouncedAt();
            }
        }).replaceWithVoid();
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName(), e);
        }
    }
}
