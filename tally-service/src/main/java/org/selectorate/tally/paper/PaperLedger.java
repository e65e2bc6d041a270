package org.selectorate.tally.paper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.contracts.ballot.PapersCancelled;
import org.selectorate.contracts.ballot.PapersIssued;
import org.selectorate.integrity.record.Channel;
import org.selectorate.tally.ballot.TallyBallot;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The papers ballot-service issued and cancelled, known by their numbers' digests: what the tellers' entries
 * ({@link PaperService}) are checked against. Each runs inside the inbox transaction of its event.
 */
@ApplicationScoped
public class PaperLedger {
    private static final Logger LOG = Logger.getLogger(PaperLedger.class);

    private static final String ISSUE = "insert into paper (ballot_id, digest, channel, status) "
            + "select ?1, d, ?2, 'issued' from unnest(cast(?3 as text[])) as d on conflict do nothing";
    // A paper cancelled before its issue arrives stays cancelled; a used paper stays used.
    private static final String CANCEL = "insert into paper (ballot_id, digest, channel, status, reason) "
            + "select ?1, d, ?2, 'cancelled', ?3 from unnest(cast(?4 as text[])) as d "
            + "on conflict (ballot_id, digest) do update set status = 'cancelled', reason = excluded.reason "
            + "where paper.status = 'issued'";

    /** Papers ballot-service issued: tellers may key exactly these, each once. */
    public Uni<Void> issued(PapersIssued event) {
        return onPaperChannel("issued", event.ballotId(), event.channel(), (ballot, channel) ->
                Panache.getSession().chain(s -> s.createNativeQuery(ISSUE)
                        .setParameter(1, ballot.id).setParameter(2, channel.id())
                        .setParameter(3, digests(event.paperDigests())).executeUpdate()).replaceWithVoid());
    }

    /** Papers that must never be keyed (a refused postal return, a replaced pack), with the reason. */
    public Uni<Void> cancelled(PapersCancelled event) {
        String[] digests = digests(event.paperDigests());
        return onPaperChannel("cancelled", event.ballotId(), event.channel(), (ballot, channel) ->
                Panache.getSession().chain(s -> s.createNativeQuery(CANCEL)
                                .setParameter(1, ballot.id).setParameter(2, channel.id())
                                .setParameter(3, event.reason() == null ? "cancelled" : event.reason())
                                .setParameter(4, digests).executeUpdate())
                        .invoke(n -> {
                            if (n < digests.length) {
                                LOG.warnf("ballot %s: %d papers were used before their cancellation (%s) came",
                                        ballot.id, digests.length - n, event.reason());
                            }
                        })
                        .replaceWithVoid());
    }

    /** {@code change} on a known ballot's paper channel; an event for anything else is logged and ignored. */
    private static Uni<Void> onPaperChannel(String what, String ballotId, String channelId,
                                            BiFunction<TallyBallot, Channel, Uni<Void>> change) {
        Channel channel = paperChannel(channelId);
        return TallyBallot.<TallyBallot>findById(ballotId).chain(ballot -> {
            if (ballot == null || channel == null) {
                LOG.warnf("papers %s for ballot %s (channel %s) ignored: unknown ballot or no paper channel", what,
                        ballotId, channelId);
                return Uni.createFrom().voidItem();
            }
            return change.apply(ballot, channel);
        });
    }

    /** The paper channel of that id; null for an unknown or online one. */
    static Channel paperChannel(String id) {
        try {
            Channel channel = Channel.fromId(id);
            return channel.isPaper() ? channel : null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static String[] digests(List<String> digests) {
        return digests == null ? new String[0] : digests.toArray(String[]::new);
    }
}
