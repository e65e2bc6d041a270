package org.selectorate.membership.selection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Learns selections and whether their ballots are open or closed from ballot-service, applying each event once;
 * other ballot events are acked unread.
 */
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
        if (SelectionCreated.TYPE.equals(type)) {
            return inbox.applyOnce(message, "membership-service", this::apply);
        }
        if (BallotOpened.TYPE.equals(type)) {
            return inbox.applyOnce(message, "membership-service", payload -> opened(read(payload, BallotOpened.class)));
        }
        if (BallotClosed.TYPE.equals(type)) {
            return inbox.applyOnce(message, "membership-service", payload -> closed(read(payload, BallotClosed.class)));
        }
        return Uni.createFrom().completionStage(message.ack());
    }

    private Uni<Void> opened(BallotOpened event) {
        return SelectionBallot.<SelectionBallot>findById(event.ballotId()).chain(existing -> {
            if (existing != null || event.selectionId() == null) {
                return Uni.createFrom().voidItem();
            }
            SelectionBallot ballot = new SelectionBallot();
            ballot.ballotId = event.ballotId();
            ballot.selectionId = event.selectionId();
            ballot.openedAt = event.opensAt() == null ? Instant.now() : event.opensAt();
            return ballot.persist().replaceWithVoid();
        });
    }

    /** Both events are keyed by ballot id, so a close never arrives before its opening. */
    private Uni<Void> closed(BallotClosed event) {
        return SelectionBallot.<SelectionBallot>findById(event.ballotId()).invoke(ballot -> {
            if (ballot != null && ballot.closedAt == null) {
                ballot.closedAt = event.closedAt() == null ? Instant.now() : event.closedAt();
            }
        }).replaceWithVoid();
    }

    private Uni<Void> apply(String payload) {
        SelectionCreated event = read(payload, SelectionCreated.class);
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

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + " event", e);
        }
    }
}
