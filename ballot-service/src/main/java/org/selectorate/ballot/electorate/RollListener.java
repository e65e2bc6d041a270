package org.selectorate.ballot.electorate;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.selectorate.ballot.ballot.OpenBallotRoll;
import org.selectorate.contracts.roll.RollEntries;
import org.selectorate.contracts.roll.RollFrozen;
import org.selectorate.support.inbox.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Builds each selection's electorate from membership-service's roll events, applying each once. Chunks may
 * arrive before or after their {@code RollFrozen}; {@link ElectorateService} decides when a version is complete.
 * A version completed while the selection's ballot is open (a co-signed roll change) reaches that ballot
 * ({@link OpenBallotRoll}), in the same transaction.
 */
@ApplicationScoped
public class RollListener {
    private static final Logger LOG = Logger.getLogger(RollListener.class);

    private final Inbox inbox;
    private final ObjectMapper json;
    private final OpenBallotRoll openBallot;

    public RollListener(Inbox inbox, ObjectMapper json, OpenBallotRoll openBallot) {
        this.inbox = inbox;
        this.json = json;
        this.openBallot = openBallot;
    }

    @Incoming("roll")
    public Uni<Void> onEvent(Message<String> message) {
        String type = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(IncomingCloudEventMetadata::getType).orElse("");
        return inbox.applyOnce(message, "ballot-service", payload -> switch (type) {
            case RollFrozen.TYPE -> frozen(read(payload, RollFrozen.class));
            case RollEntries.TYPE -> entries(read(payload, RollEntries.class));
            default -> Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> frozen(RollFrozen event) {
        UUID selection = selectionId(event.selectionId());
        if (selection == null) {
            return Uni.createFrom().voidItem();
        }
        return RollVersion.count("selectionId = ?1 and version = ?2", selection, event.version()).chain(known -> {
            if (known > 0) {
                return Uni.createFrom().voidItem();
            }
            RollVersion v = new RollVersion();
            v.id = UUID.randomUUID();
            v.selectionId = selection;
            v.version = event.version();
            v.constituency = event.constituency();
            v.electorate = event.electorate();
            v.chunks = event.chunks();
            v.merkleRoot = event.merkleRoot();
            v.receivedAt = Instant.now();
            return v.persist().chain(() -> openBallot.follow(selection));
        });
    }

    private Uni<Void> entries(RollEntries event) {
        UUID selection = selectionId(event.selectionId());
        if (selection == null) {
            return Uni.createFrom().voidItem();
        }
        return RollChunk.count("selectionId = ?1 and version = ?2 and chunk = ?3",
                selection, event.version(), event.chunk()).chain(known -> {
            if (known > 0) {
                return Uni.createFrom().voidItem();
            }
            RollChunk chunk = new RollChunk();
            chunk.id = UUID.randomUUID();
            chunk.selectionId = selection;
            chunk.version = event.version();
            chunk.chunk = event.chunk();
            chunk.electors = event.electors().size();
            chunk.receivedAt = Instant.now();
            List<RollEntries.Elector> electors = event.electors();
            // One statement for the chunk's electors: as entities they were hydrated, flushed and sent in batches.
            return chunk.persist().chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                            "insert into elector (id, selection_id, version, membership_number, name, email, branch, "
                                    + "address) "
                                    + "select gen_random_uuid(), ?1, ?2, e.number, e.name, e.email, e.branch, e.address "
                                    + "from unnest(cast(?3 as text[]), cast(?4 as text[]), cast(?5 as text[]), "
                                    + "cast(?6 as text[]), cast(?7 as text[])) as e(number, name, email, branch, address)")
                    .setParameter(1, selection)
                    .setParameter(2, event.version())
                    .setParameter(3, electors.stream().map(RollEntries.Elector::membershipNumber).toArray(String[]::new))
                    .setParameter(4, electors.stream().map(RollEntries.Elector::name).toArray(String[]::new))
                    .setParameter(5, electors.stream().map(RollEntries.Elector::email).toArray(String[]::new))
                    .setParameter(6, electors.stream().map(RollEntries.Elector::branch).toArray(String[]::new))
                    .setParameter(7, electors.stream().map(RollEntries.Elector::address).toArray(String[]::new))
                    .executeUpdate())).chain(() -> openBallot.follow(selection));
        });
    }

    private static UUID selectionId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            // Not one of ours: selections are identified by UUID. Skipping beats retrying forever.
            LOG.warnf("ignoring a roll event for selection id '%s', which is not a UUID", id);
            return null;
        }
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName() + " event", e);
        }
    }
}
