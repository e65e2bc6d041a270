package org.selectorate.ballot.ballot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.result.MeetingVoteCounted;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Learns what each meeting vote decided from tally-service's count at its close; other results are ignored. */
@ApplicationScoped
public class MeetingVoteListener {
    private final Inbox inbox;
    private final ObjectMapper json;
    private final MeetingVoteResults results;

    public MeetingVoteListener(Inbox inbox, ObjectMapper json, MeetingVoteResults results) {
        this.inbox = inbox;
        this.json = json;
        this.results = results;
    }

    @Incoming("results")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse("");
        if (!MeetingVoteCounted.TYPE.equals(type)) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return inbox.applyOnce(message, "ballot-service", payload -> results.record(read(payload)));
    }

    private MeetingVoteCounted read(String payload) {
        try {
            return json.readValue(payload, MeetingVoteCounted.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable MeetingVoteCounted", e);
        }
    }
}
