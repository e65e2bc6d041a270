package org.selectorate.ballot.ballot;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
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

    public AccessCodeIssuer(Outbox outbox, CodeSealer codeSealer) {
        this.outbox = outbox;
        this.codeSealer = codeSealer;
    }

    private record IssuedCodes(UUID[] electorIds, String[] hashes, List<AccessCodeIssued> events) {
    }

    /** A minting batch of its own: the members a roll change added, or a meeting's attendees. */
    Uni<Void> issue(Ballot b, List<Object[]> electors) {
        return electors.isEmpty() ? Uni.createFrom().voidItem() : issue(b, electors, codeSealer.batch());
    }

    /** A minting batch whose electors come a page at a time (a ballot's opening): one data key for all its codes. */
    CodeSeal.Sealer batch() {
        return codeSealer.batch();
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
