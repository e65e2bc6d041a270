package org.selectorate.ballot.paper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.turnout.MarkedRegister;
import org.selectorate.contracts.ballot.BallotClosed;
import org.selectorate.contracts.ballot.BallotOpened;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a ballot's close needs of its paper channels, in the closing transaction: the account {@code BallotClosed}
 * carries, and the postal packs rewritten so their rows keep no order of issuance.
 */
public final class PaperAccount {
    private PaperAccount() {
    }

    /**
     * What {@code BallotClosed} says of the paper channels the rulebook has, in the closing transaction: postal packs
     * issued (cancelled ones excluded), returned and rejected by reason; papers handed out at meetings (their return
     * is the ballot box, which only the tellers count).
     */
    public static Uni<Map<String, BallotClosed.PaperIssue>> account(Ballot b, Map<String, Long> marked) {
        if (!BallotOpened.FINAL.equals(b.kind)) {
            return Uni.createFrom().item(Map.of());
        }
        return Selection.<Selection>findById(b.selectionId).chain(Rulebook::current).map(Rulebook::ballotRules)
                .chain(rules -> {
                    Map<String, BallotClosed.PaperIssue> papers = new TreeMap<>();
                    if (rules.inPerson()) {
                        papers.put(MarkedRegister.IN_PERSON, new BallotClosed.PaperIssue(
                                marked.getOrDefault(MarkedRegister.IN_PERSON, 0L), null, Map.of()));
                    }
                    if (!rules.postal()) {
                        return Uni.createFrom().item(papers);
                    }
                    return Panache.getSession().chain(session -> session.createNativeQuery("""
                                    select status, coalesce(reason, ''), count(*) from postal_pack
                                    where ballot_id = ?1 group by status, reason
                                    """, Object[].class).setParameter(1, b.id).getResultList())
                            .map(rows -> {
                                long issued = 0;
                                long returned = 0;
                                Map<String, Long> rejected = new TreeMap<>();
                                for (Object[] r : rows) {
                                    String status = (String) r[0];
                                    long n = ((Number) r[2]).longValue();
                                    if (!PostalPack.CANCELLED.equals(status)) {
                                        issued += n;
                                    }
                                    if (PostalPack.ACCEPTED.equals(status) || PostalPack.REJECTED.equals(status)) {
                                        returned += n;
                                    }
                                    if (PostalPack.REJECTED.equals(status)) {
                                        rejected.merge((String) r[1], n, Long::sum);
                                    }
                                }
                                papers.put(MarkedRegister.POSTAL, new BallotClosed.PaperIssue(issued, returned,
                                        rejected));
                                return papers;
                            });
                });
    }

    /**
     * At close, the ballot's packs written anew in membership-number order, as the marked register is: rows stand
     * in the order they were inserted, the order of issuance.
     */
    public static Uni<Void> rewriteInOrder(UUID ballotId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        with packs as (delete from postal_pack where ballot_id = ?1 returning *)
                        insert into postal_pack (id, ballot_id, membership_number, declaration_number, issued_on,
                                                 status, reason, returned_on)
                        select gen_random_uuid(), ballot_id, membership_number, declaration_number, issued_on, status,
                               reason, returned_on
                        from packs order by membership_number, issued_on, declaration_number
                        """).setParameter(1, ballotId).executeUpdate())
                .replaceWithVoid();
    }
}
