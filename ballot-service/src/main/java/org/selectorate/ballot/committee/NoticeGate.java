package org.selectorate.ballot.committee;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.contracts.Roles;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A ballot opens only when every committee member has a delivered notice of it at least the rulebook's lead
 * time before, or an admin's override has been co-signed by a scrutineer.
 */
@ApplicationScoped
public class NoticeGate {

    /** Fails with 409 naming every member not told in time; runs in the opening's transaction. */
    public Uni<Void> check(Selection selection, UUID ballotId, Instant now) {
        return NoticeOverride.<NoticeOverride>findById(ballotId).chain(override -> {
            if (override != null && override.cosignedAt != null) {
                return Uni.createFrom().voidItem();
            }
            return Rulebook.current(selection).chain(rulebook -> {
                Instant toldBy = now.minus(Duration.ofHours(rulebook.noticeLeadHours));
                return CommitteeMember.<CommitteeMember>list(
                                "selectionId = ?1 and removedAt is null order by appointedAt, name", selection.id)
                        .chain(members -> NoticeDelivery.<NoticeDelivery>list(
                                        "selectionId = ?1 and kind = ?2 and deliveredAt <= ?3",
                                        selection.id, TimetableEvent.BALLOT_SCHEDULED, toldBy)
                                .map(deliveries -> {
                                    Set<UUID> told = deliveries.stream().map(d -> d.memberId).collect(Collectors.toSet());
                                    List<String> missing = members.stream().filter(m -> !told.contains(m.id))
                                            .map(m -> m.name + " (" + m.role + ")").toList();
                                    if (!missing.isEmpty()) {
                                        throw ProblemException.conflict("committee-not-told",
                                                "not every committee member has been delivered notice of the ballot"
                                                        + (rulebook.noticeLeadHours > 0
                                                        ? " at least " + rulebook.noticeLeadHours + " hours before it opens"
                                                        : "")
                                                        + "; missing: " + String.join(", ", missing));
                                    }
                                    return null;
                                }));
            });
        }).replaceWithVoid();
    }

    /** An admin records why the ballot may open without every member told; it counts once co-signed. */
    @WithTransaction
    public Uni<NoticeOverride.View> recordOverride(UUID ballotId, String reason, Caller caller) {
        return draftBallot(ballotId, caller, true)
                .chain(b -> NoticeOverride.<NoticeOverride>findById(ballotId).chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("override-exists", "an override is already recorded for this ballot");
                    }
                    NoticeOverride o = new NoticeOverride();
                    o.ballotId = ballotId;
                    o.reason = reason.strip();
                    o.recordedBy = caller.name();
                    o.recordedAt = Instant.now();
                    return o.<NoticeOverride>persist();
                }))
                .map(NoticeOverride.View::of);
    }

    /** A scrutineer, not the admin who recorded it, co-signs the override. */
    @WithTransaction
    public Uni<NoticeOverride.View> cosign(UUID ballotId, Caller caller) {
        return draftBallot(ballotId, caller, false)
                .chain(b -> NoticeOverride.<NoticeOverride>findById(ballotId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("override for ballot " + ballotId))
                .invoke(o -> {
                    if (o.cosignedAt != null) {
                        throw ProblemException.conflict("override-cosigned", "the override is already co-signed");
                    }
                    if (o.recordedBy.equals(caller.name())) {
                        throw ProblemException.forbidden("the admin who recorded the override cannot co-sign it");
                    }
                    o.cosignedBy = caller.name();
                    o.cosignedAt = Instant.now();
                })
                .map(NoticeOverride.View::of);
    }

    @WithSession
    public Uni<NoticeOverride.View> override(UUID ballotId, Caller caller) {
        return ballotInArea(ballotId, caller)
                .chain(b -> NoticeOverride.<NoticeOverride>findById(ballotId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("override for ballot " + ballotId))
                .map(NoticeOverride.View::of);
    }

    private Uni<Ballot> draftBallot(UUID ballotId, Caller caller, boolean admin) {
        return ballotInArea(ballotId, caller).invoke(b -> {
            if (admin && !SelectionAccess.hasAny(caller, SelectionAccess.ADMINS)) {
                throw ProblemException.forbidden("only an HQ or regional admin may record an override");
            }
            if (!admin && !caller.roles().contains(Roles.SCRUTINEER)) {
                throw ProblemException.forbidden("only a scrutineer may co-sign an override");
            }
            if (b.status != Ballot.Status.DRAFT) {
                throw ProblemException.conflict("ballot-not-draft", "the ballot has already opened");
            }
        });
    }

    private Uni<Ballot> ballotInArea(UUID ballotId, Caller caller) {
        return Ballot.<Ballot>findById(ballotId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("ballot " + ballotId))
                .call(b -> Selection.<Selection>findById(b.selectionId)
                        .map(s -> SelectionAccess.requireInArea(s, caller, "ballot " + ballotId)));
    }
}
