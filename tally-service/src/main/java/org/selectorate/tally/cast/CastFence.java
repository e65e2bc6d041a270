package org.selectorate.tally.cast;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps a ballot's close behind every cast already accepted. A cast holds a shared transaction-level advisory lock
 * on its ballot from before it reads the ballot's status until the broker has its cast; closing takes the exclusive
 * lock before marking the ballot closed. So every cast that saw the ballot open is in the casts partition before the
 * close's {@code CastsClosed} marker is even sent, and a voter answered 202 is never refused by the record writer.
 * Without it, a cast that read "open" just before the close committed could reach the partition after the marker.
 */
public final class CastFence {
    /** Namespaces the lock (PostgreSQL's two-key form), apart from any other advisory lock in the database. */
    private static final int CASTS = 1;

    private CastFence() {
    }

    /** Held by a cast until its transaction ends; take it before reading the ballot's status, in its own statement. */
    public static Uni<Void> shared(SqlConnection connection, String ballotId) {
        return connection.preparedQuery("select pg_advisory_xact_lock_shared($1, $2)")
                .execute(Tuple.of(CASTS, ballotId.hashCode())).replaceWithVoid();
    }

    /** Held by closing until its transaction ends: waits for every cast in flight, and holds back new ones. */
    public static Uni<Void> exclusive(String ballotId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(?1, ?2)")
                .setParameter(1, CASTS).setParameter(2, ballotId.hashCode()).getSingleResult()).replaceWithVoid();
    }
}
