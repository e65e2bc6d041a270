package org.selectorate.ballot.issuance;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.UUID;

/**
 * Keeps closing and issuing apart without touching the ballot's row: issuances hold a shared transaction-level
 * advisory lock on the ballot, closing an exclusive one, so closing waits for every issuance in flight and
 * counts them all. A {@code FOR SHARE} row lock would do the same, but at hundreds of issuances a second every
 * new sharer rewrites the row's lock (a multixact), and the hot row became the queue.
 * <p>
 * Whatever is read under the lock must be read by a later statement than the one taking it: a statement's
 * snapshot is taken when it starts, so one that waited for closing to commit would still see the ballot open.
 */
public final class IssuanceLock {
    private IssuanceLock() {
    }

    /** Held by an issuance until its transaction ends; call first in the transaction, on its connection. */
    public static Uni<Void> shared(SqlConnection transaction, UUID ballotId) {
        return transaction.preparedQuery("select pg_advisory_xact_lock_shared($1)").execute(Tuple.of(key(ballotId)))
                .replaceWithVoid();
    }

    /** Held by closing until its transaction ends; waits for every issuance in flight. */
    public static Uni<Void> exclusive(UUID ballotId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(?1)")
                .setParameter(1, key(ballotId))
                .getSingleResult()).replaceWithVoid();
    }

    private static long key(UUID ballotId) {
        return ballotId.getMostSignificantBits() ^ ballotId.getLeastSignificantBits();
    }
}
