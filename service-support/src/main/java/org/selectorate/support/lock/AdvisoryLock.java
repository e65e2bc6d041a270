package org.selectorate.support.lock;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * PostgreSQL transaction-level advisory locks, for keeping a hot path (many sharers at once) apart from the rare
 * step that must wait for all of them, without locking a row every sharer would rewrite. Both are released when
 * their transaction ends.
 * <p>
 * Whatever is read under the lock must be read by a later statement than the one taking it: a statement's snapshot
 * is taken when it starts, so one that waited for the exclusive holder to commit would still see the old state.
 */
public final class AdvisoryLock {
    private AdvisoryLock() {
    }

    /** Taken on the connection of a plain Vert.x transaction (the hot path); call first in the transaction. */
    public static Uni<Void> shared(SqlConnection transaction, long key) {
        return transaction.preparedQuery("select pg_advisory_xact_lock_shared($1)").execute(Tuple.of(key))
                .replaceWithVoid();
    }

    /** Taken on the connection of a plain Vert.x transaction; waits for every sharer, and holds new ones back. */
    public static Uni<Void> exclusive(SqlConnection transaction, long key) {
        return transaction.preparedQuery("select pg_advisory_xact_lock($1)").execute(Tuple.of(key))
                .replaceWithVoid();
    }

    /**
     * Tries the exclusive lock on the connection of a plain Vert.x transaction without waiting: true if this
     * transaction now holds it, false if another does. For a job that must run on one replica at a time: the loser
     * skips its turn instead of queueing behind the winner.
     */
    public static Uni<Boolean> tryExclusive(SqlConnection transaction, long key) {
        return transaction.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(key))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Taken in the current Hibernate Reactive transaction; waits for every sharer, and holds new ones back. */
    public static Uni<Void> exclusive(long key) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(?1)")
                .setParameter(1, key).getSingleResult()).replaceWithVoid();
    }
}
