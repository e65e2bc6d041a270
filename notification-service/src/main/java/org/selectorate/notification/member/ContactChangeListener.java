package org.selectorate.notification.member;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.member.MemberContactChanged;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Tells a member's previous address that their contact changed, so a change made by someone else is noticed.
 * Ballot mail already bound to a frozen roll is not re-targeted: it keeps going to the address held at the freeze.
 */
@ApplicationScoped
public class ContactChangeListener {
    static final String CONTACT_CHANGED = "contact-changed";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Inbox inbox;
    private final ObjectMapper json;

    public ContactChangeListener(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("contacts")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getType)
                .orElse("");
        if (!MemberContactChanged.TYPE.equals(type)) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return inbox.applyOnce(message, "notification-service-contacts",
                payload -> alert(read(payload)).persist().replaceWithVoid());
    }

    static MemberAlert alert(MemberContactChanged event) {
        String ballotMail = event.selectionIds().isEmpty() ? """
                Ballot mail for a selection whose roll is frozen from now on (your access code, "a ballot
                was issued in your name") will go to the new address.
                """ : """
                Ballot mail for the selections whose roll you are on (your access code, "a ballot was
                issued in your name") still comes to this address, the one held when the roll was frozen.
                """;
        String body = """
                The contact details for your membership (number %s) were changed on %s.
                The new email address is %s.

                If this was you, there is nothing to do. If it was not, tell your procedures secretary
                and the scrutineer at once.

                """.formatted(event.membershipNumber(), WHEN.format(event.changedAt()), masked(event.newEmail()))
                + ballotMail;
        MemberAlert alert = MemberAlert.pending(CONTACT_CHANGED, null, event.previousEmail(),
                "The contact details for your membership were changed", body);
        alert.selectionId = event.selectionIds().isEmpty() ? null : event.selectionIds().get(0);
        alert.membershipNumber = event.membershipNumber();
        return alert;
    }

    /** Enough for the member to recognise the address, not enough to hand it to whoever reads the old one. */
    static String masked(String email) {
        int at = email.indexOf('@');
        if (at <= 0) {
            return "(hidden)";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    private MemberContactChanged read(String payload) {
        try {
            return json.readValue(payload, MemberContactChanged.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable MemberContactChanged", e);
        }
    }
}
