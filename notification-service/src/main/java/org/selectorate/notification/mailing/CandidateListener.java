package org.selectorate.notification.mailing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.ballot.CandidateNominated;
import org.selectorate.contracts.ballot.CandidateWithdrawn;
import org.selectorate.contracts.ballot.MailingRules;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Keeps each selection's mailing terms and candidates, with who acts for each, as ballot-service announces them
 * (all keyed by selection id, so in commit order). Other ballot events are acked unread.
 */
@ApplicationScoped
public class CandidateListener {
    static final String CONSUMER = "notification-service-candidates";

    private final Inbox inbox;
    private final ObjectMapper json;

    public CandidateListener(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("candidates")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse("");
        return switch (type) {
            case MailingRules.TYPE -> inbox.applyOnce(message, CONSUMER, p -> rules(read(p, MailingRules.class)));
            case CandidateNominated.TYPE -> inbox.applyOnce(message, CONSUMER,
                    p -> nominated(read(p, CandidateNominated.class)));
            case CandidateWithdrawn.TYPE -> inbox.applyOnce(message, CONSUMER,
                    p -> withdrawn(read(p, CandidateWithdrawn.class)));
            default -> Uni.createFrom().completionStage(message.ack());
        };
    }

    private Uni<Void> rules(MailingRules event) {
        return MailingSelection.<MailingSelection>findById(event.selectionId()).chain(existing -> {
            if (existing != null && existing.rulebookVersion > event.rulebookVersion()) {
                return Uni.createFrom().voidItem();
            }
            MailingSelection s = existing == null ? new MailingSelection() : existing;
            s.selectionId = event.selectionId();
            s.region = event.region();
            s.constituency = event.constituency();
            s.rulebookVersion = event.rulebookVersion();
            s.quota = event.mailingQuota();
            s.periodDays = event.mailingPeriodDays();
            return s.persist().replaceWithVoid();
        });
    }

    private Uni<Void> nominated(CandidateNominated event) {
        return MailingCandidate.<MailingCandidate>findById(event.candidateId()).chain(existing -> {
            MailingCandidate c = existing == null ? new MailingCandidate() : existing;
            c.candidateId = event.candidateId();
            c.selectionId = event.selectionId();
            c.name = event.name();
            c.account = event.account();
            c.agents = event.agents() == null ? "" : String.join(",", event.agents());
            c.email = event.email();
            return c.persist().replaceWithVoid();
        });
    }

    private Uni<Void> withdrawn(CandidateWithdrawn event) {
        return MailingCandidate.<MailingCandidate>findById(event.candidateId()).invoke(c -> {
            if (c != null && c.withdrawnAt == null) {
                c.withdrawnAt = event.withdrawnAt();
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
