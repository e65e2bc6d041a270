package org.selectorate.tally.ballot;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.cast.CastsClosed;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.support.keys.KeyVault;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.tally.cast.CastFence;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opening stores the ballot and creates its record's tree-head key (sealed at rest); closing waits for the casts in flight
 * ({@link CastFence}), stops the cast endpoint and writes the {@link CastsClosed} marker into the ballot's casts
 * partition, so its owner appends everything before it and then counts. Both run inside the inbox transaction of
 * the event.
 */
@ApplicationScoped
public class BallotService {
    private static final Logger LOG = Logger.getLogger(BallotService.class);

    private final Outbox outbox;
    private final KeyVault vault;
    private final SecureRandom random = new SecureRandom();

    public BallotService(Outbox outbox, KeyVault vault) {
        this.outbox = outbox;
        this.vault = vault;
    }

    public Uni<Void> open(BallotOpened event) {
        return TallyBallot.<TallyBallot>findById(event.ballotId()).chain(existing -> {
            if (existing != null) {
                LOG.warnf("ballot %s was opened before; keeping the first opening", event.ballotId());
                return Uni.createFrom().voidItem();
            }
            TallyBallot ballot = fromEvent(event);
            try {
                ballot.header(); // a ballot whose record could not be built must not take casts
            } catch (RuntimeException e) {
                LOG.errorf("ballot %s cannot be opened: %s", event.ballotId(), e.getMessage());
                return Uni.createFrom().voidItem();
            }
            LOG.infof("ballot %s opened with %d candidates", ballot.id, event.candidates().size());
            return ballot.persist().replaceWithVoid();
        });
    }

    public Uni<Void> close(BallotClosed event) {
        // First wait for the casts in flight, so the marker follows every cast already accepted.
        return CastFence.exclusive(event.ballotId())
                .chain(() -> TallyBallot.<TallyBallot>findById(event.ballotId()))
                .chain(ballot -> {
                    if (ballot == null) {
                        LOG.warnf("ballot %s closed but was never opened here", event.ballotId());
                        return Uni.createFrom().voidItem();
                    }
                    if (!ballot.isOpen()) {
                        return Uni.createFrom().voidItem();
                    }
                    ballot.status = TallyBallot.CLOSED;
                    ballot.closedAt = event.closedAt();
                    ballot.markedRegister = TallyBallot.json(register(event.markedRegister()));
                    LOG.infof("ballot %s closed; draining its casts", ballot.id);
                    return outbox.record(Topics.CASTS, ballot.id, CastsClosed.TYPE, new CastsClosed(ballot.id))
                            .replaceWithVoid();
                });
    }

    private TallyBallot fromEvent(BallotOpened e) {
        TreeHeadSigner signer = TreeHeadSigner.generate(random);
        TallyBallot b = new TallyBallot();
        b.id = e.ballotId();
        b.selectionId = e.selectionId();
        b.constituency = e.constituency();
        b.title = e.title() == null ? e.ballotId() : e.title();
        b.candidates = TallyBallot.json(e.candidates());
        b.withdrawn = TallyBallot.json(e.withdrawn() == null ? List.of() : e.withdrawn());
        b.method = e.method() == null ? "av" : e.method();
        b.tieBreak = e.tieBreak() == null ? "backwards" : e.tieBreak();
        b.seed = e.seed();
        b.credentialKey = e.credentialKey();
        b.variant = e.variant();
        b.rulebook = e.rulebookJson() == null || e.rulebookJson().isBlank() ? "{}" : e.rulebookJson();
        b.electorate = e.electorate();
        b.opensAt = e.opensAt();
        b.closesAt = e.closesAt();
        b.sealTreeHeadKey(signer, vault);
        b.status = TallyBallot.OPEN;
        return b;
    }

    /** Only the channels the record knows; an unknown one would make the record unreadable. */
    private static Map<String, Long> register(Map<String, Long> counts) {
        Map<String, Long> out = new TreeMap<>();
        if (counts != null) {
            counts.forEach((channel, n) -> {
                try {
                    out.put(Channel.fromId(channel).id(), n);
                } catch (IllegalArgumentException e) {
                    LOG.warnf("ignoring marked-register count for unknown channel %s", channel);
                }
            });
        }
        return out;
    }
}
