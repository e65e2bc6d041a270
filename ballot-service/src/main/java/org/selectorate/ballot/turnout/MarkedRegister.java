package org.selectorate.ballot.turnout;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.support.problem.ProblemException;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Counts the marked register, and puts a closed ballot's in order. Call inside a session or transaction. Issuance
 * writes it (IssuanceService, and {@link #mark} for papers): the unique key on ballot and member decides, so two
 * racing requests cannot both succeed, whichever channels they come by. One vote per member across channels: the
 * register is the arbiter, and a refusal names the channel already used ({@link #alreadyVoted}).
 */
@ApplicationScoped
public class MarkedRegister {
    public static final String ONLINE = "online";
    public static final String POSTAL = "postal";
    public static final String IN_PERSON = "in-person";
    /** Channels always reported, even at zero, so a missing channel never reads as "not counted". */
    private static final List<String> CHANNELS = List.of(ONLINE, POSTAL, IN_PERSON);

    /** The 409 for a member the register already marks: {@code voted-online}, {@code voted-postal}, ... */
    public static ProblemException alreadyVoted(String channel) {
        return ProblemException.conflict("voted-" + channel, "this member has already been issued a ballot ("
                + channel + "); a member votes once, by one channel");
    }

    /** The channel that marked the member, or null if none has. */
    public Uni<String> channelOf(UUID ballotId, String membershipNumber) {
        return MarkedRegisterEntry.<MarkedRegisterEntry>find("ballotId = ?1 and membershipNumber = ?2", ballotId,
                membershipNumber).firstResult().map(m -> m == null ? null : m.channel);
    }

    /**
     * Marks the member as issued a ballot by {@code channel} on {@code day}, or fails with {@link #alreadyVoted}
     * naming the channel that did first (the unique key decides between racing requests). Call under the ballot's
     * shared issuance lock, so a close counts it.
     */
    public Uni<Void> mark(UUID ballotId, String membershipNumber, String channel, LocalDate day) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into marked_register (id, ballot_id, membership_number, channel, marked_on)
                        values (gen_random_uuid(), ?1, ?2, ?3, ?4) on conflict (ballot_id, membership_number) do nothing
                        """).setParameter(1, ballotId).setParameter(2, membershipNumber).setParameter(3, channel)
                        .setParameter(4, day).executeUpdate())
                .chain(inserted -> inserted == 1 ? Uni.createFrom().voidItem()
                        : channelOf(ballotId, membershipNumber).<Void>map(by -> {
                            throw alreadyVoted(by == null ? "another channel" : by);
                        }));
    }

    /**
     * Electors of the ballot's roll version and members marked, per branch (a member off the roll: not counted). The
     * roll's selection and version are given, not joined from the ballot's row: so the planner sees a whole roll and
     * hashes the register (0.5 s for 800,000 electors here), where through the join it expected ten rows and looked
     * each elector up (1.5 s, in the close's transaction).
     */
    public Uni<Map<String, BallotClosed.BranchTurnout>> turnoutByBranch(UUID ballotId, UUID selectionId,
                                                                        Integer rollVersion) {
        if (rollVersion == null) {
            return Uni.createFrom().item(Map.of()); // no roll committed: no electors
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select e.branch, count(*), count(m.id) from elector e
                        left join marked_register m on m.ballot_id = ?1 and m.membership_number = e.membership_number
                        where e.selection_id = ?2 and e.version = ?3 group by e.branch
                        """, Object[].class).setParameter(1, ballotId).setParameter(2, selectionId)
                        .setParameter(3, rollVersion).getResultList())
                .map(rows -> {
                    Map<String, BallotClosed.BranchTurnout> out = new TreeMap<>();
                    rows.forEach(r -> out.put((String) r[0], new BallotClosed.BranchTurnout(
                            ((Number) r[1]).longValue(), ((Number) r[2]).longValue())));
                    return out;
                });
    }

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
