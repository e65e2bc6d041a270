package org.selectorate.tally.cast;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.selectorate.support.lock.AdvisoryLock;

/**
 * Keeps a ballot's close behind every cast already accepted. A cast holds a shared advisory lock on its ballot from
 * before it reads the ballot's status until the broker has its cast; closing takes the exclusive lock before marking
 * the ballot closed. So every cast that saw the ballot open is in the casts partition before the close's
 * {@code CastsClosed} marker is even sent, and a voter answered 202 is never refused by the record writer. Without
 * it, a cast that read "open" just before the close committed could reach the partition after the marker.
 */
public final class CastFence {
    /** Sets the fence's keys apart from any other advisory lock in the database. */
    private static final long CASTS = 1L << 32;

    private CastFence() {
    }

    /** Held by a cast until its transaction ends; take it before reading the ballot's status, in its own statement. */
    public static Uni<Void> shared(SqlConnection connection, String ballotId) {
        return AdvisoryLock.shared(connection, key(ballotId));
    }

    /** Held by closing until its transaction ends: waits for every cast in flight, and holds back new ones. */
    public static Uni<Void> exclusive(String ballotId) {
        return AdvisoryLock.exclusive(key(ballotId));
    }

    /** Ballot ids are text here; two ballots sharing a key only wait for each other's close a moment. */
    private static long key(String ballotId) {
        return CASTS | (ballotId.hashCode() & 0xffffffffL);
    }
}
