package org.selectorate.notification.member;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.ballot.AccessCodeIssued;
import org.selectorate.contracts.ballot.CredentialIssued;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Turns ballot events into mail to members, at the contact held at the freeze (the events carry it from the roll;
 * a later contact change never re-targets them): the access code when a ballot opens, and "a ballot was issued in
 * your name" when a credential is issued.
 */
@ApplicationScoped
public class MemberAlertListener {
    static final String ACCESS_CODE = "access-code";
    static final String CREDENTIAL_ISSUED = "credential-issued";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Inbox inbox;
    private final ObjectMapper json;

    public MemberAlertListener(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("credentials")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse("");
        return switch (type) {
            case AccessCodeIssued.TYPE -> inbox.applyOnce(message, "notification-service",
                    payload -> accessCode(read(payload, AccessCodeIssued.class)).persist().replaceWithVoid());
            case CredentialIssued.TYPE -> inbox.applyOnce(message, "notification-service",
                    payload -> credentialIssued(read(payload, CredentialIssued.class)).persist().replaceWithVoid());
            default -> Uni.createFrom().completionStage(message.ack());
        };
    }

    static MemberAlert accessCode(AccessCodeIssued event) {
        String body = """
                Dear %s,

                Voting is open in: %s
                Ballot: %s

                Your one-time access code: %s

                Use it once, before %s, to receive your ballot credential. Your vote is recorded
                separately from your name: nobody, including the party, can link the two.
                """.formatted(event.name(), event.title(), event.ballotId(), event.code(), WHEN.format(event.closesAt()));
        MemberAlert alert = MemberAlert.pending(ACCESS_CODE, event.ballotId(), event.email(),
                "Your access code: " + event.title(), body);
        alert.codeHash = ReceiptKeys.hash(event.ballotId(), ReceiptKeys.normalise(event.code()));
        return alert;
    }

    static MemberAlert credentialIssued(CredentialIssued event) {
        String body = """
                A ballot credential for "%s" (ballot %s) was issued in your name on %s (channel: %s).

                If this was you, there is nothing to do. If it was not, tell the procedures secretary
                and the scrutineer at once: the marked register records every issue.
                """.formatted(event.title(), event.ballotId(), WHEN.format(event.issuedAt()), event.channel());
        return MemberAlert.pending(CREDENTIAL_ISSUED, event.ballotId(), event.email(),
                "A ballot was issued in your name: " + event.title(), body);
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName(), e);
        }
    }
}
