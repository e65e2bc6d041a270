package org.selectorate.ballot.issuance;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.selectorate.support.lock.AdvisoryLock;

import java.util.UUID;

/**
 * Keeps closing and issuing apart without touching the ballot's row: issuances hold a shared advisory lock on the
 * ballot, closing an exclusive one, so closing waits for every issuance in flight and counts them all. A
 * {@code FOR SHARE} row lock would do the same, but at hundreds of issuances a second every new sharer rewrites the
 * row's lock (a multixact), and the hot row became the queue. Read the ballot in a later statement than the lock's.
 */
public final class IssuanceLock {
    private IssuanceLock() {
    }

    /** Held by an issuance until its transaction ends; call first in the transaction, on its connection. */
    public static Uni<Void> shared(SqlConnection transaction, UUID ballotId) {
        return AdvisoryLock.shared(transaction, key(ballotId));
    }

    /**
     * As {@link #shared(SqlConnection, UUID)}, in the current Hibernate Reactive transaction: a paper's issuance or a
     * postal return, which closing must wait for and count.
     */
    public static Uni<Void> shared(UUID ballotId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "select pg_advisory_xact_lock_shared(?1)").setParameter(1, key(ballotId)).getSingleResult())
                .replaceWithVoid();
    }

    /** Held by closing until its transaction ends; waits for every issuance in flight. */
    public static Uni<Void> exclusive(UUID ballotId) {
        return AdvisoryLock.exclusive(key(ballotId));
    }

    private static long key(UUID ballotId) {
        return ballotId.getMostSignificantBits() ^ ballotId.getLeastSignificantBits();
    }
}
