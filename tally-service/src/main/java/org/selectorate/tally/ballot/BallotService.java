package org.selectorate.tally.ballot;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.contracts.ballot.BallotReleased;
import org.selectorate.contracts.cast.CastsClosed;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.TreeHeadSigner;
import org.selectorate.support.keys.KeyVault;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.tally.cast.CastFence;
import org.selectorate.tally.count.BallotResult;
import org.selectorate.tally.count.CountService;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opening stores the ballot and creates its record's tree-head key (sealed at rest); closing waits for the casts in flight
 * ({@link CastFence}), stops the cast endpoint and writes the {@link CastsClosed} marker into the ballot's casts
 * partition, so its owner appends everything before it and marks the count due; releasing lets a meeting ballot's record
 * be published. Each runs inside the inbox transaction of its event.
 */
@ApplicationScoped
public class BallotService {
    private static final Logger LOG = Logger.getLogger(BallotService.class);

    private final Outbox outbox;
    private final KeyVault vault;
    private final CountService counter;
    private final SecureRandom random = new SecureRandom();

    public BallotService(Outbox outbox, KeyVault vault, CountService counter) {
        this.outbox = outbox;
        this.vault = vault;
        this.counter = counter;
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
            LOG.infof("ballot %s (%s) opened with %d candidates", ballot.id, ballot.kind, event.candidates().size());
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
                    ballot.papers = TallyBallot.json(papers(event.papers()));
                    ballot.flagInputs = TallyBallot.json(flagInputs(event));
                    LOG.infof("ballot %s closed; draining its casts", ballot.id);
                    return outbox.record(Topics.CASTS, ballot.id, CastsClosed.TYPE, new CastsClosed(ballot.id))
                            .replaceWithVoid();
                });
    }

    /**
     * Lets a meeting ballot's record be published: in full, or its count's totals only. It shows once the ballot has
     * closed too (a release that comes first waits for the close), and its result once counted: the result event
     * goes out with whichever of the release and the count comes last. The ballot's row is locked, so a count
     * committing meanwhile is seen. The first release stands; a final ballot is public already.
     */
    public Uni<Void> release(BallotReleased event) {
        return TallyBallot.<TallyBallot>findById(event.ballotId(), LockModeType.PESSIMISTIC_WRITE).chain(ballot -> {
            if (ballot == null) {
                LOG.warnf("ballot %s released but was never opened here", event.ballotId());
                return Uni.createFrom().voidItem();
            }
            if (!ballot.isMeeting()) {
                LOG.warnf("ballot %s is a final ballot, public as it runs: its release changes nothing", ballot.id);
                return Uni.createFrom().voidItem();
            }
            String release = event.totalsOnly() ? TallyBallot.RELEASED_TOTALS_ONLY : TallyBallot.RELEASED_FULL;
            if (ballot.release != null) {
                if (!ballot.release.equals(release)) {
                    LOG.warnf("ballot %s was released %s before; keeping that, not %s", ballot.id, ballot.release,
                            release);
                }
                return Uni.createFrom().voidItem();
            }
            ballot.release = release;
            ballot.releasedStep = event.step();
            ballot.releasedAt = event.releasedAt();
            LOG.infof("ballot %s released (%s) as its step %s closed", ballot.id, release, event.step());
            if (!TallyBallot.COUNTED.equals(ballot.status)) {
                return Uni.createFrom().voidItem(); // the count publishes the result
            }
            return BallotResult.<BallotResult>findById(ballot.id)
                    .chain(result -> counter.publish(ballot, result));
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
        b.kind = e.withheld() ? TallyBallot.MEETING : TallyBallot.FINAL;
        b.meetingId = e.meetingId();
        b.sealTreeHeadKey(signer, vault);
        b.seats = Math.max(e.seats(), 1); // 0: an event from before seats were carried, one seat
        b.status = TallyBallot.OPEN;
        return b;
    }

    /** The figures the anomaly flags read, as JSON values. */
    private static Map<String, Object> flagInputs(BallotClosed event) {
        Map<String, Object> turnout = new TreeMap<>();
        event.turnoutByBranch().forEach((branch, t) -> turnout.put(branch,
                Map.of("electors", t.electors(), "marked", t.marked())));
        return Map.of("turnoutByBranch", turnout, "issuancesByHour", new TreeMap<>(event.issuancesByHour()));
    }

    /** The paper channels' issues as JSON values, paper channels only. */
    private static Map<String, Object> papers(Map<String, BallotClosed.PaperIssue> papers) {
        Map<String, Object> out = new TreeMap<>();
        papers.forEach((channel, issue) -> {
            try {
                if (!Channel.fromId(channel).isPaper()) {
                    throw new IllegalArgumentException(channel);
                }
            } catch (IllegalArgumentException e) {
                LOG.warnf("ignoring papers of channel %s, which is no paper channel", channel);
                return;
            }
            Map<String, Object> v = new TreeMap<>();
            v.put("issued", issue.issued());
            if (issue.returned() != null) {
                v.put("returned", issue.returned());
            }
            v.put("rejected", new TreeMap<>(issue.rejected()));
            out.put(channel, v);
        });
        return out;
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
