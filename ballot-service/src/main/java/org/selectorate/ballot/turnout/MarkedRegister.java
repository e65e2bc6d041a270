package org.selectorate.ballot.turnout;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Counts the marked register, and puts a closed ballot's in order. Call inside a session or transaction. Issuance
 * writes it (IssuanceService): the unique key on ballot and member decides, so two racing requests cannot both
 * succeed.
 */
@ApplicationScoped
public class MarkedRegister {
    public static final String ONLINE = "online";
    /** Channels always reported, even at zero, so a missing channel never reads as "not counted". */
    private static final List<String> CHANNELS = List.of(ONLINE, "postal", "in-person");

    /**
     * Writes a closed ballot's register anew in membership-number order, in the closing transaction. Rows stand in
     * the table in the order they were inserted, which during the ballot was the order of issuance; a dump taken
     * after close would keep it. The new rows share the closing transaction and get fresh ids.
     */
    public Uni<Void> rewriteInOrder(UUID ballotId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with marks as (delete from marked_register where ballot_id = ?1
                                       returning membership_number, channel, marked_on)
                        insert into marked_register (id, ballot_id, membership_number, channel, marked_on)
                        select gen_random_uuid(), ?1, membership_number, channel, marked_on
                        from marks order by membership_number
                        """)
                        .setParameter(1, ballotId)
                        .executeUpdate())
                .replaceWithVoid();
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
