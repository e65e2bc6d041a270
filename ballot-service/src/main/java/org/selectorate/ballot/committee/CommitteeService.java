package org.selectorate.ballot.committee;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CommitteeAppointed;
import org.selectorate.contracts.ballot.CommitteeMemberRemoved;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A selection's committee; each change is announced so notification-service knows whom to tell. */
@ApplicationScoped
public class CommitteeService {
    private final Outbox outbox;

    public CommitteeService(Outbox outbox) {
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<CommitteeViews.MemberView> appoint(UUID selectionId, CommitteeViews.NewMember request, Caller caller) {
        String email = request.email().strip();
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireAdmin(s, caller, "selection " + selectionId))
                .call(s -> CommitteeMember.count("selectionId = ?1 and lower(email) = lower(?2) and removedAt is null",
                        s.id, email).invoke(n -> {
                    if (n > 0) {
                        throw ProblemException.conflict("committee-member-exists",
                                "someone with this email is already on the committee");
                    }
                }))
                .chain(s -> {
                    CommitteeMember member = new CommitteeMember();
                    member.id = UUID.randomUUID();
                    member.selectionId = s.id;
                    member.name = request.name().strip();
                    member.email = email;
                    member.role = request.role();
                    member.webhook = request.webhook();
                    member.appointedBy = caller.name();
                    member.appointedAt = Instant.now();
                    return member.<CommitteeMember>persist()
                            .call(m -> outbox.record(Topics.BALLOTS, s.id.toString(), CommitteeAppointed.TYPE,
                                    new CommitteeAppointed(s.id.toString(), m.id.toString(), m.name, m.email, m.role,
                                            s.region, s.constituency, m.webhook)));
                })
                .map(CommitteeViews.MemberView::of);
    }

    @WithSession
    public Uni<List<CommitteeViews.MemberView>> list(UUID selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "selection " + selectionId))
                .chain(s -> CommitteeMember.<CommitteeMember>list(
                        "selectionId = ?1 and removedAt is null order by appointedAt, name", s.id))
                .map(members -> members.stream().map(CommitteeViews.MemberView::of).toList());
    }

    @WithTransaction
    public Uni<Void> remove(UUID selectionId, UUID memberId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireAdmin(s, caller, "selection " + selectionId))
                .chain(s -> CommitteeMember.<CommitteeMember>find("id = ?1 and selectionId = ?2 and removedAt is null",
                                memberId, s.id).firstResult()
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("committee member " + memberId))
                        .call(m -> {
                            m.removedAt = Instant.now();
                            return outbox.record(Topics.BALLOTS, s.id.toString(), CommitteeMemberRemoved.TYPE,
                                    new CommitteeMemberRemoved(s.id.toString(), m.id.toString()));
                        }))
                .replaceWithVoid();
    }
}
