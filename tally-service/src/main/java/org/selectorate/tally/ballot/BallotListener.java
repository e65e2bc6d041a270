package org.selectorate.tally.ballot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.BallotReleased;
import org.selectorate.contracts.ballot.PapersCancelled;
import org.selectorate.contracts.ballot.PapersIssued;
import org.selectorate.contracts.ballot.SelectionCreated;
import org.selectorate.support.inbox.Inbox;
import org.selectorate.support.outbox.OutboxRelay;
import org.selectorate.tally.certification.SelectionArea;
import org.selectorate.tally.paper.PaperLedger;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Starts, stops and releases ballots from ballot-service's events, learns the papers it issued and cancelled, and
 * keeps each selection's area; every other event on the topic is acked unread. A close nudges the outbox relay, so
 * its {@code CastsClosed} marker goes to the writer at once.
 */
@ApplicationScoped
public class BallotListener {
    static final String CONSUMER = "tally-service.ballots";

    private final Inbox inbox;
    private final ObjectMapper json;
    private final BallotService ballots;
    private final PaperLedger papers;
    private final OutboxRelay relay;

    public BallotListener(Inbox inbox, ObjectMapper json, BallotService ballots, PaperLedger papers,
                          OutboxRelay relay) {
        this.inbox = inbox;
        this.json = json;
        this.ballots = ballots;
        this.papers = papers;
        this.relay = relay;
    }

    @Incoming("ballots")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(IncomingCloudEventMetadata::getType).orElse("");
        return switch (type) {
            case BallotOpened.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> ballots.open(read(payload, BallotOpened.class)));
            case BallotClosed.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> ballots.close(read(payload, BallotClosed.class))).invoke(relay::nudge);
            case BallotReleased.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> ballots.release(read(payload, BallotReleased.class)));
            // whose area the selection's ballots are in, for certification and declaration
            case SelectionCreated.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> SelectionArea.created(read(payload, SelectionCreated.class)));
            case PapersIssued.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> papers.issued(read(payload, PapersIssued.class)));
            case PapersCancelled.TYPE -> inbox.applyOnce(message, CONSUMER,
                    payload -> papers.cancelled(read(payload, PapersCancelled.class)));
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
