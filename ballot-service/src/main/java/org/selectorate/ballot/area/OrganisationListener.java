package org.selectorate.ballot.area;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.selectorate.contracts.organisation.AffiliateCreated;
import org.selectorate.contracts.organisation.AffiliateOfficerAdded;
import org.selectorate.contracts.organisation.AffiliateOfficerRemoved;
import org.selectorate.contracts.organisation.BranchCreated;
import org.selectorate.contracts.organisation.ConstituencyCreated;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Learns constituencies, their branches and affiliates, and the affiliates' officers from membership-service,
 * applying each event once; other organisation events are acked unread. All are keyed by constituency, so an
 * officer never arrives before their affiliate.
 */
@ApplicationScoped
public class OrganisationListener {
    private final Inbox inbox;
    private final ObjectMapper json;
    private final Map<String, Function<String, Uni<Void>>> effects = Map.of(
            ConstituencyCreated.TYPE, payload -> constituency(read(payload, ConstituencyCreated.class)),
            BranchCreated.TYPE, payload -> branch(read(payload, BranchCreated.class)),
            AffiliateCreated.TYPE, payload -> affiliate(read(payload, AffiliateCreated.class)),
            AffiliateOfficerAdded.TYPE, payload -> officerAdded(read(payload, AffiliateOfficerAdded.class)),
            AffiliateOfficerRemoved.TYPE, payload -> officerRemoved(read(payload, AffiliateOfficerRemoved.class)));

    public OrganisationListener(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("organisation")
    public Uni<Void> onEvent(Message<String> message) {
        Function<String, Uni<Void>> effect = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(IncomingCloudEventMetadata::getType).map(effects::get).orElse(null);
        if (effect == null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        return inbox.applyOnce(message, "ballot-service", effect);
    }

    private Uni<Void> constituency(ConstituencyCreated event) {
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

    private Uni<Void> branch(BranchCreated event) {
        return KnownBranch.<KnownBranch>findById(event.code()).chain(existing -> {
            KnownBranch known = existing == null ? new KnownBranch() : existing;
            known.code = event.code();
            known.name = event.name();
            known.constituency = event.constituency();
            known.learntAt = Instant.now();
            return known.persist();
        }).replaceWithVoid();
    }

    private Uni<Void> affiliate(AffiliateCreated event) {
        return KnownAffiliate.<KnownAffiliate>findById(event.code()).chain(existing -> {
            KnownAffiliate known = existing == null ? new KnownAffiliate() : existing;
            known.code = event.code();
            known.name = event.name();
            known.constituency = event.constituency();
            known.kind = event.kind();
            known.learntAt = Instant.now();
            return known.persist();
        }).replaceWithVoid();
    }

    private Uni<Void> officerAdded(AffiliateOfficerAdded event) {
        return KnownOfficer.<KnownOfficer>findById(new KnownOfficer.Key(event.affiliate(), event.username()))
                .chain(existing -> {
                    KnownOfficer known = existing == null ? new KnownOfficer() : existing;
                    known.affiliate = event.affiliate();
                    known.username = event.username();
                    known.name = event.name();
                    known.email = event.email();
                    known.learntAt = Instant.now();
                    return known.persist();
                }).replaceWithVoid();
    }

    private Uni<Void> officerRemoved(AffiliateOfficerRemoved event) {
        return KnownOfficer.delete("affiliate = ?1 and username = ?2", event.affiliate(), event.username())
                .replaceWithVoid();
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + " event", e);
        }
    }
}
