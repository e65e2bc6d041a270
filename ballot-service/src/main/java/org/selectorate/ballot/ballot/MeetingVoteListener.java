package org.selectorate.ballot.ballot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.ballot.appeal.AppealService;
import org.selectorate.contracts.result.MeetingVoteCounted;
import org.selectorate.contracts.result.RecountCompleted;
import org.selectorate.contracts.result.ResultDeclared;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Learns from tally-service's results what each meeting vote decided (its count at its close), when a final ballot
 * was declared (the appeal window opens) and a recount's outcome (recorded on its appeal); other results are ignored.
 */
@ApplicationScoped
public class MeetingVoteListener {
    private final Inbox inbox;
    private final ObjectMapper json;
    private final MeetingVoteResults results;
    private final AppealService appeals;

    public MeetingVoteListener(Inbox inbox, ObjectMapper json, MeetingVoteResults results, AppealService appeals) {
        this.inbox = inbox;
        this.json = json;
        this.results = results;
        this.appeals = appeals;
    }

    @Incoming("results")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse("");
        return switch (type) {
            case MeetingVoteCounted.TYPE -> inbox.applyOnce(message, "ballot-service",
                    payload -> results.record(read(payload, MeetingVoteCounted.class)));
            case ResultDeclared.TYPE -> inbox.applyOnce(message, "ballot-service",
                    payload -> appeals.declared(read(payload, ResultDeclared.class)));
            case RecountCompleted.TYPE -> inbox.applyOnce(message, "ballot-service",
                    payload -> appeals.recounted(read(payload, RecountCompleted.class)));
            default -> Uni.createFrom().completionStage(message.ack());
        };
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName(), e);
        }
    }
}
