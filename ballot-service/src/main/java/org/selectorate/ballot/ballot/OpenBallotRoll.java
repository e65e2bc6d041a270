package org.selectorate.ballot.ballot;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import org.selectorate.ballot.electorate.ElectorateService;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.AccessCodeRevoked;
import org.selectorate.contracts.ballot.BallotOpened;
import org.selectorate.support.outbox.Outbox;

import java.util.List;
import java.util.UUID;

/**
 * A roll version made after the ballot opened (a change co-signed in membership-service) reaches the open ballot
 * once it has fully arrived: a member it removed can no longer get a credential (their access code is revoked and
 * they are told; if they already have one, the marked register keeps it, and shows them as off the roll), a member
 * it added gets an access code, and the ballot's roll version and electorate follow.
 */
@ApplicationScoped
public class OpenBallotRoll {
    private static final Logger LOG = Logger.getLogger(OpenBallotRoll.class);

    /** Members with a code who are no longer on the new version: whichever version their code was issued on. */
    private static final String OFF_THE_ROLL = """
            from access_code a join elector e on e.id = a.elector_id
            where a.ballot_id = ?1
              and not exists (select 1 from elector n
                              where n.selection_id = ?2 and n.version = ?3 and n.membership_number = e.membership_number)
            """;
    private static final String REMOVED = "select e.email, e.name " + OFF_THE_ROLL + " order by e.membership_number";
    private static final String REVOKE = "delete from access_code where id in (select a.id " + OFF_THE_ROLL + ")";
    /** Members of the new version without a code, unless a credential was already issued to them. */
    private static final String ADDED = """
            select cast(n.id as text), n.email, n.name from elector n
            where n.selection_id = ?2 and n.version = ?3
              and not exists (select 1 from access_code a join elector e on e.id = a.elector_id
                              where a.ballot_id = ?1 and e.membership_number = n.membership_number)
              and not exists (select 1 from marked_register m
                              where m.ballot_id = ?1 and m.membership_number = n.membership_number)
            order by n.membership_number
            """;

    private final ElectorateService electorate;
    private final AccessCodeIssuer accessCodes;
    private final Outbox outbox;

    public OpenBallotRoll(ElectorateService electorate, AccessCodeIssuer accessCodes, Outbox outbox) {
        this.electorate = electorate;
        this.accessCodes = accessCodes;
        this.outbox = outbox;
    }

    /**
     * Brings the selection's open ballot, if any, to the latest roll version if that is complete and newer. Call in
     * the transaction that applied a roll event, after applying it. Under the ballot's exclusive issuance lock, as
     * closing: no issuance is in flight, so a member removed either was issued a credential before or will not be.
     */
    public Uni<Void> follow(UUID selectionId) {
        return electorate.status(selectionId).chain(roll -> !roll.complete() ? Uni.createFrom().voidItem()
                : Panache.getSession().chain(session -> session.createQuery(
                                "select b.id from Ballot b where b.selectionId = ?1 and b.status = ?2 "
                                        + "and b.rollVersion < ?3 and b.kind = ?4", UUID.class)
                        .setParameter(1, selectionId)
                        .setParameter(2, Ballot.Status.OPEN)
                        .setParameter(3, roll.version())
                        // A meeting's vote has its attendees for electorate, fixed when it opened.
                        .setParameter(4, BallotOpened.FINAL)
                        .getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().voidItem()
                        // Read under the lock, by a later statement: a close may have committed meanwhile.
                        : BallotService.lockForClose(ids.get(0)).chain(b -> b.status != Ballot.Status.OPEN
                        || b.rollVersion >= roll.version() ? Uni.createFrom().voidItem()
                        : apply(b, roll.version(), roll.expected()))));
    }

    /** Each removed member is told their code is revoked; each added member is sent one. */
    private Uni<Void> apply(Ballot b, int version, long electors) {
        return Panache.getSession().chain(session -> revoke(session, b, version)
                        .chain(revoked -> added(session, b, version)
                                .call(added -> accessCodes.issue(b, added))
                                .invoke(added -> {
                                    LOG.infof("ballot %s follows roll version %d: %d access codes issued, %d revoked",
                                            b.id, version, added.size(), revoked);
                                    b.rollVersion = version;
                                    b.electorate = electors;
                                })))
                .replaceWithVoid();
    }

    private Uni<Integer> revoke(Mutiny.Session session, Ballot b, int version) {
        return session.createNativeQuery(REMOVED, Object[].class)
                .setParameter(1, b.id).setParameter(2, b.selectionId).setParameter(3, version)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new AccessCodeRevoked(b.id.toString(), b.title, (String) r[0],
                        (String) r[1])).toList())
                .call(events -> outbox.recordAll(Topics.CREDENTIALS, b.id.toString(), AccessCodeRevoked.TYPE, events))
                .chain(events -> session.createNativeQuery(REVOKE)
                        .setParameter(1, b.id).setParameter(2, b.selectionId).setParameter(3, version)
                        .executeUpdate());
    }

    private static Uni<List<Object[]>> added(Mutiny.Session session, Ballot b, int version) {
        return session.createNativeQuery(ADDED, Object[].class)
                .setParameter(1, b.id).setParameter(2, b.selectionId).setParameter(3, version)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new Object[]{UUID.fromString((String) r[0]), r[1], r[2]}).toList());
    }
}
