package org.selectorate.ballot.turnout;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Writes and counts the marked register. Call inside a session or transaction. */
@ApplicationScoped
public class MarkedRegister {
    public static final String ONLINE = "online";
    /** Channels always reported, even at zero, so a missing channel never reads as "not counted". */
    private static final List<String> CHANNELS = List.of(ONLINE, "postal", "in-person");

    /**
     * Marks a member as issued a ballot. False if they already were, by any channel: the unique key decides, so
     * two racing requests cannot both succeed.
     */
    public Uni<Boolean> mark(UUID ballotId, String membershipNumber, String channel, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into marked_register (id, ballot_id, membership_number, channel, marked_at) "
                                + "values (?1, ?2, ?3, ?4, ?5) on conflict (ballot_id, membership_number) do nothing")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, ballotId)
                .setParameter(3, membershipNumber)
                .setParameter(4, channel)
                .setParameter(5, at)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Ballots issued per channel. */
    public Uni<Map<String, Long>> counts(UUID ballotId) {
        return Panache.getSession().chain(session -> session.createQuery(
                        "select m.channel, count(m) from MarkedRegisterEntry m where m.ballotId = ?1 group by m.channel",
                        Object[].class)
                .setParameter(1, ballotId)
                .getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new TreeMap<>();
                    CHANNELS.forEach(c -> counts.put(c, 0L));
                    rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
                    return counts;
                });
    }
}
