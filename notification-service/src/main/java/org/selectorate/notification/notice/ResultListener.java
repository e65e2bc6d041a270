package org.selectorate.notification.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.contracts.result.ResultPublished;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A published result is the last step of a selection's timetable: every committee member is told of it. */
@ApplicationScoped
public class ResultListener {
    private final Inbox inbox;
    private final ObjectMapper json;
    private final NoticeWriter writer;

    public ResultListener(Inbox inbox, ObjectMapper json, NoticeWriter writer) {
        this.inbox = inbox;
        this.json = json;
        this.writer = writer;
    }

    @Incoming("notice-results")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse("");
        if (!ResultPublished.TYPE.equals(type)) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return inbox.applyOnce(message, CommitteeListener.CONSUMER, payload -> {
            ResultPublished result = read(payload);
            TimetableStep step = new TimetableStep();
            step.selectionId = result.selectionId();
            step.ballotId = result.ballotId();
            step.kind = TimetableEvent.RESULT;
            step.receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            step.eventAt = step.receivedAt;
            step.summary = "Result published: " + (result.elected().isEmpty() ? "nobody"
                    : String.join(", ", result.elected())) + " elected, " + result.votes() + " votes";
            return writer.step(step);
        });
    }

    private ResultPublished read(String payload) {
        try {
            return json.readValue(payload, ResultPublished.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable ResultPublished", e);
        }
    }
}
