package org.selectorate.membership.selection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Learns selections from ballot-service, applying each event once; other ballot events are acked unread. */
@ApplicationScoped
public class SelectionListener {
    private final Inbox inbox;
    private final ObjectMapper json;

    public SelectionListener(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("ballots")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(IncomingCloudEventMetadata::getType).orElse(null);
        if (!SelectionCreated.TYPE.equals(type)) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return inbox.applyOnce(message, "membership-service", this::apply);
    }

    private Uni<Void> apply(String payload) {
        SelectionCreated event = read(payload);
        return Selection.<Selection>findById(event.selectionId()).chain(existing -> {
            Selection selection = existing == null ? new Selection() : existing;
            selection.id = event.selectionId();
            selection.constituency = event.constituency();
            selection.region = event.region();
            selection.title = event.title();
            selection.freezeDate = event.freezeDate();
            selection.minimumMonths = event.minimumMonths();
            selection.arrearsDisqualify = event.arrearsDisqualify();
            selection.rulebookVersion = event.rulebookVersion();
            selection.learntAt = Instant.now();
            return selection.persist();
        }).replaceWithVoid();
    }

    private SelectionCreated read(String payload) {
        try {
            return json.readValue(payload, SelectionCreated.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable SelectionCreated event", e);
        }
    }
}
