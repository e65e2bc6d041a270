package org.selectorate.ballot.area;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.organisation.ConstituencyCreated;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Learns constituencies from membership-service, applying each event once. */
@ApplicationScoped
public class OrganisationListener {
    private final Inbox inbox;
    private final ObjectMapper json;

    public OrganisationListener(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("organisation")
    public Uni<Void> onEvent(Message<String> message) {
        return inbox.applyOnce(message, "ballot-service", this::apply);
    }

    private Uni<Void> apply(String payload) {
        ConstituencyCreated event = read(payload);
        return KnownConstituency.<KnownConstituency>findById(event.code()).chain(existing -> {
            KnownConstituency known = existing == null ? new KnownConstituency() : existing;
            known.code = event.code();
            known.name = event.name();
            known.region = event.region();
            known.learntAt = Instant.now();
            known.revisions = known.revisions + 1;
            return known.persist();
        }).replaceWithVoid();
    }

    private ConstituencyCreated read(String payload) {
        try {
            return json.readValue(payload, ConstituencyCreated.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable ConstituencyCreated event", e);
        }
    }
}
