package org.selectorate.ballot.issuance;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ballots issued per UTC hour, all channels, for the close's burst flag: a count per hour and ballot, never who. The
 * marked register keeps each member's day; these counts keep each hour's total and nothing joins them to a member.
 * One exception is left out at close: hours of a day with fewer than {@link #FEWEST_PER_DAY} issuances, where a
 * day's few members could be narrowed to an hour (and no burst can hide among so few).
 */
public final class IssuanceHours {
    /** A day with fewer issuances publishes no hours (as a meeting vote's record, below ten voters). */
    public static final int FEWEST_PER_DAY = 10;
    /** Rows per hour that issuances spread over, so concurrent issuances do not queue on one row's lock. */
    static final int SHARDS = 8;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private IssuanceHours() {
    }

    /** The hour's key, e.g. {@code 2026-12-03T14}. */
    public static String hour(Instant at) {
        return HOUR.format(at);
    }

    static short shard() {
        return (short) ThreadLocalRandom.current().nextInt(SHARDS);
    }

    /** Adds {@code issued} to the current hour's count, in the current Hibernate Reactive transaction. */
    public static Uni<Void> add(UUID ballotId, Instant at, long issued) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into issuance_hour (ballot_id, hour, shard, issued) values (?1, ?2, ?3, ?4)
                        on conflict (ballot_id, hour, shard) do update set issued = issuance_hour.issued + ?4
                        """)
                .setParameter(1, ballotId).setParameter(2, hour(at)).setParameter(3, shard())
                .setParameter(4, issued).executeUpdate()).replaceWithVoid();
    }

    /** The ballot's counts per hour, leaving out the hours of days with fewer than {@link #FEWEST_PER_DAY}. */
    public static Uni<Map<String, Long>> counts(UUID ballotId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select hour, cast(sum(issued) as bigint) from issuance_hour where ballot_id = ?1 group by hour
                        """, Object[].class).setParameter(1, ballotId).getResultList())
                .map(rows -> {
                    Map<String, Long> perHour = new TreeMap<>();
                    Map<String, Long> perDay = new TreeMap<>();
                    for (Object[] row : rows) {
                        long n = ((Number) row[1]).longValue();
                        perHour.put((String) row[0], n);
                        perDay.merge(((String) row[0]).substring(0, 10), n, Long::sum);
                    }
                    perHour.keySet().removeIf(h -> perDay.get(h.substring(0, 10)) < FEWEST_PER_DAY);
                    return perHour;
                });
    }
}
