package org.selectorate.ballot.ballot;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.AccessCodeIssued;
import org.selectorate.integrity.seal.CodeSeal;
import org.selectorate.support.outbox.Outbox;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Gives electors of an open ballot their access codes: at opening, every elector; after a co-signed roll change,
 * the members it added. Only each code's hash is kept; the code travels in {@link AccessCodeIssued}, sealed to the
 * mail sender.
 */
@ApplicationScoped
public class AccessCodeIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Outbox outbox;
    private final CodeSealer codeSealer;
    private final int page;

    public AccessCodeIssuer(Outbox outbox, CodeSealer codeSealer,
                            @ConfigProperty(name = "selectorate.ballot.code-page", defaultValue = "10000") int page) {
        this.outbox = outbox;
        this.codeSealer = codeSealer;
        if (page < 1) {
            throw new IllegalStateException("selectorate.ballot.code-page must be at least 1");
        }
        this.page = page;
    }

    /**
     * Every elector of the ballot's roll version, in membership-number order, {@code selectorate.ballot.code-page}
     * at a time (keyset on the roll's unique index), all in the opening's transaction: the ballot opens with every
     * code or none, and a national roll's codes, hashes and sealed events are never all in memory at once. Every
     * page's codes are sealed under the one data key of the opening's batch.
     */
    Uni<Void> issueToRoll(Ballot b) {
        CodeSeal.Sealer batch = codeSealer.batch();
        String[] after = {""};
        // Pages repeat rather than recurse: a recursive chain keeps each finished page's rows reachable until the
        // last one completes, which ran an 800,000-elector opening out of heap all the same.
        return Multi.createBy().repeating()
                .uni(() -> page(b, after[0])
                        .call(electors -> issue(b, electors, batch))
                        .map(electors -> {
                            if (!electors.isEmpty()) {
                                after[0] = (String) electors.get(electors.size() - 1)[3];
                            }
                            return electors.size();
                        }))
                .whilst(n -> n == page)
                .collect().last()
                .replaceWithVoid();
    }

    /** Up to a page of the roll's electors after membership number {@code after}: (id, email, name, number). */
    private Uni<List<Object[]>> page(Ballot b, String after) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "select e.id, e.email, e.name, e.membershipNumber from Elector e "
                                + "where e.selectionId = ?1 and e.version = ?2 and e.membershipNumber > ?3 "
                                + "order by e.membershipNumber", Object[].class)
                .setParameter(1, b.selectionId)
                .setParameter(2, b.rollVersion)
                .setParameter(3, after)
                .setMaxResults(page)
                .getResultList());
    }

    private record IssuedCodes(UUID[] electorIds, String[] hashes, List<AccessCodeIssued> events) {
    }

    /** A minting batch of its own: the members a roll change added, or a meeting's attendees. */
    Uni<Void> issue(Ballot b, List<Object[]> electors) {
        return electors.isEmpty() ? Uni.createFrom().voidItem() : issue(b, electors, codeSealer.batch());
    }

    /**
     * Two statements however many electors, one for the codes and one for their events: row by row, opening a
     * ballot of 2,000 electors cost 4,000 round trips. Sealing (AES-GCM a code under the batch's data key) runs on a
     * worker thread, then the statements on this transaction's context.
     *
     * @param electors rows of (elector id, email, name, ...)
     */
    Uni<Void> issue(Ballot b, List<Object[]> electors, CodeSeal.Sealer batch) {
        if (electors.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        return Uni.createFrom().item(() -> codes(b, electors, batch))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .chain(issued -> Panache.getSession().chain(session -> session.createNativeQuery(
                                        "insert into access_code (id, ballot_id, code_hash, elector_id) "
                                                + "select gen_random_uuid(), ?1, c.hash, c.elector "
                                                + "from unnest(cast(?2 as text[]), cast(?3 as uuid[])) as c(hash, elector)")
                                .setParameter(1, b.id)
                                .setParameter(2, issued.hashes())
                                .setParameter(3, issued.electorIds())
                                .executeUpdate())
                        .chain(() -> outbox.recordAll(Topics.CREDENTIALS, b.id.toString(), AccessCodeIssued.TYPE,
                                issued.events())));
    }

    /**
     * A fresh code for each elector: its hash to keep, and the code sealed to the mail sender, for this ballot and the
     * elector's address (what notification-service's row holds), to send.
     */
    private static IssuedCodes codes(Ballot b, List<Object[]> electors, CodeSeal.Sealer sealer) {
        String ballotId = b.id.toString();
        UUID[] electorIds = new UUID[electors.size()];
        String[] hashes = new String[electors.size()];
        List<AccessCodeIssued> events = new ArrayList<>(electors.size());
        for (int i = 0; i < electors.size(); i++) {
            Object[] elector = electors.get(i);
            String code = AccessCodes.generate(RANDOM);
            electorIds[i] = (UUID) elector[0];
            hashes[i] = AccessCodes.hash(AccessCodes.normalise(code));
            String email = (String) elector[1];
            events.add(new AccessCodeIssued(ballotId, b.title, email, (String) elector[2],
                    sealer.seal(code, ballotId, email), b.closesAt));
        }
        return new IssuedCodes(electorIds, hashes, events);
    }
}
