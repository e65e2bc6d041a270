package org.selectorate.notification.notice;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.contracts.result.CertificationRefused;
import org.selectorate.contracts.result.ResultDeclared;
import org.selectorate.contracts.result.ResultPublished;
import org.selectorate.notification.webhook.Webhooks;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A selection's results as steps of its timetable, each told to every committee member: the published count, a
 * scrutineer's refusal to certify it (with the reasons), and the declaration of a certified result, which every
 * candidate is told of too. Refusals and declarations also go to the webhooks subscribed to them.
 */
@ApplicationScoped
public class ResultListener {
    /** A scrutineer refused to certify the result. */
    public static final String CERTIFICATION_REFUSED = "certification-refused";
    /** The certified result was declared. */
    public static final String RESULT_DECLARED = "result-declared";

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
        return switch (type) {
            case ResultPublished.TYPE -> inbox.applyOnce(message, CommitteeListener.CONSUMER,
                    payload -> published(read(payload, ResultPublished.class)));
            case CertificationRefused.TYPE -> inbox.applyOnce(message, CommitteeListener.CONSUMER,
                    payload -> refused(read(payload, CertificationRefused.class)));
            case ResultDeclared.TYPE -> inbox.applyOnce(message, CommitteeListener.CONSUMER,
                    payload -> declared(read(payload, ResultDeclared.class)));
            default -> Uni.createFrom().completionStage(message.ack());
        };
    }

    private Uni<Void> published(ResultPublished result) {
        TimetableStep step = step(result.selectionId(), result.ballotId(), TimetableEvent.RESULT, null);
        step.summary = "Result published: " + names(result.elected()) + " elected, " + result.votes() + " votes";
        return writer.step(step);
    }

    private Uni<Void> refused(CertificationRefused refusal) {
        TimetableStep step = step(refusal.selectionId(), refusal.ballotId(), CERTIFICATION_REFUSED, null);
        step.summary = "Certification refused by scrutineer " + refusal.scrutineer() + ": "
                + String.join("; ", refusal.reasons()) + ". The result cannot be declared unless it is certified.";
        return writer.step(step, Webhooks.CERTIFICATION_REFUSED, refusal);
    }

    private Uni<Void> declared(ResultDeclared declaration) {
        TimetableStep step = step(declaration.selectionId(), declaration.ballotId(), RESULT_DECLARED,
                declaration.declaredAt());
        step.summary = "Result declared: " + names(declaration.elected()) + " elected (declared by "
                + declaration.declaredBy() + ")";
        return writer.step(step, Webhooks.RESULT_DECLARED, declaration).chain(() -> writer.toCandidates(step));
    }

    private static TimetableStep step(String selectionId, String ballotId, String kind, Instant at) {
        TimetableStep step = new TimetableStep();
        step.selectionId = selectionId;
        step.ballotId = ballotId;
        step.kind = kind;
        step.receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        step.eventAt = at == null ? step.receivedAt : at.truncatedTo(ChronoUnit.MICROS);
        return step;
    }

    private static String names(List<String> elected) {
        return elected.isEmpty() ? "nobody" : String.join(", ", elected);
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName(), e);
        }
    }
}
