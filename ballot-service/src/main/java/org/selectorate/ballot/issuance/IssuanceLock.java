package org.selectorate.ballot.issuance;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * Keeps closing and issuing apart without touching the ballot's row: issuances hold a shared transaction-level
 * advisory lock on the ballot, closing an exclusive one, so closing waits for every issuance in flight and
 * counts them all. A {@code FOR SHARE} row lock would do the same, but at hundreds of issuances a second every
 * new sharer rewrites the row's lock (a multixact), and the hot row became the queue.
 */
public final class IssuanceLock {
    private IssuanceLock() {
    }

    /** Held by an issuance until its transaction ends; call first in the transaction. */
    public static Uni<Void> shared(UUID ballotId) {
        return take("select pg_advisory_xact_lock_shared(?1)", ballotId);
    }

    /** Held by closing until its transaction ends; waits for every issuance in flight. */
    public static Uni<Void> exclusive(UUID ballotId) {
        return take("select pg_advisory_xact_lock(?1)", ballotId);
    }

    private static Uni<Void> take(String sql, UUID ballotId) {
        long key = ballotId.getMostSignificantBits() ^ ballotId.getLeastSignificantBits();
        return Panache.getSession().chain(session -> session.createNativeQuery(sql).setParameter(1, key)
                .getSingleResult()).replaceWithVoid();
    }
}
