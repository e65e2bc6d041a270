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
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A ballot opens, and a meeting starts, only when every committee member has a delivered notice of it (not
 * bounced for good) at least the rulebook's lead time before, or an admin's override has been co-signed by a
 * scrutineer.
 */
@ApplicationScoped
public class NoticeGate {

    /** Fails with 409 naming every member not told of the ballot in time; runs in the opening's transaction. */
    public Uni<Void> check(Selection selection, UUID ballotId, Instant now) {
        return gate(selection, ballotId, now, "the ballot", "it opens", toldBy -> NoticeDelivery.list(
                "selectionId = ?1 and kind = ?2 and deliveredAt <= ?3 and bouncedAt is null",
                selection.id, TimetableEvent.BALLOT_SCHEDULED, toldBy));
    }

    /**
     * Fails with 409 naming every member not told of the meeting as it now stands (its scheduling or latest change,
     * i.e. its current {@code sequence}) in time; runs in the start's transaction.
     */
    public Uni<Void> checkMeeting(Selection selection, UUID meetingId, int sequence, Instant now) {
        return gate(selection, meetingId, now, "the meeting as last scheduled", "it starts", toldBy -> NoticeDelivery.list(
                "meetingId = ?1 and sequence = ?2 and kind in (?3) and deliveredAt <= ?4 and bouncedAt is null",
                meetingId, sequence, List.of(TimetableEvent.MEETING_SCHEDULED, TimetableEvent.MEETING_CHANGED), toldBy));
    }

    private Uni<Void> gate(Selection selection, UUID subjectId, Instant now, String what, String when,
                           Function<Instant, Uni<List<NoticeDelivery>>> deliveredBy) {
        return NoticeOverride.<NoticeOverride>findById(subjectId).chain(override -> {
            if (override != null && override.cosignedAt != null) {
                return Uni.createFrom().voidItem();
            }
            return Rulebook.current(selection).chain(rulebook -> {
                Instant toldBy = now.minus(Duration.ofHours(rulebook.noticeLeadHours));
                return CommitteeMember.<CommitteeMember>list(
                                "selectionId = ?1 and removedAt is null order by appointedAt, name", selection.id)
                        .chain(members -> deliveredBy.apply(toldBy).map(deliveries -> {
                            Set<UUID> told = deliveries.stream().map(d -> d.memberId).collect(Collectors.toSet());
                            List<String> missing = members.stream().filter(m -> !told.contains(m.id))
                                    .map(m -> m.name + " (" + m.role + ")").toList();
                            if (!missing.isEmpty()) {
                                throw ProblemException.conflict("committee-not-told",
                                        "not every committee member has been delivered notice of " + what
                                                + (rulebook.noticeLeadHours > 0
                                                ? " at least " + rulebook.noticeLeadHours + " hours before " + when
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
        return draftBallot(ballotId, caller)
                .chain(b -> recordFor(NoticeOverride.BALLOT, ballotId, reason, caller));
    }

    /** A scrutineer, not the admin who recorded it, co-signs the override. */
    @WithTransaction
    public Uni<NoticeOverride.View> cosign(UUID ballotId, Caller caller) {
        return draftBallot(ballotId, caller).chain(b -> cosignFor(ballotId, caller));
    }

    @WithSession
    public Uni<NoticeOverride.View> override(UUID ballotId, Caller caller) {
        return ballotInArea(ballotId, caller).chain(b -> find(ballotId));
    }

    /**
     * Records an override of {@code subject} ({@link NoticeOverride#BALLOT} or {@link NoticeOverride#MEETING});
     * the caller has checked that the subject is in the caller's area and not yet started.
     */
    public Uni<NoticeOverride.View> recordFor(String subject, UUID subjectId, String reason, Caller caller) {
        if (!SelectionAccess.hasAny(caller, SelectionAccess.ADMINS)) {
            return Uni.createFrom().failure(ProblemException.forbidden("only an HQ or regional admin may record an override"));
        }
        return NoticeOverride.<NoticeOverride>findById(subjectId).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("override-exists", "an override is already recorded for this " + subject);
            }
            NoticeOverride o = new NoticeOverride();
            o.subjectId = subjectId;
            o.subject = subject;
            o.reason = reason.strip();
            o.recordedBy = caller.name();
            o.recordedAt = Instant.now();
            return o.<NoticeOverride>persist();
        }).map(NoticeOverride.View::of);
    }

    /** Co-signs the override of a subject the caller has checked as for {@link #recordFor}. */
    public Uni<NoticeOverride.View> cosignFor(UUID subjectId, Caller caller) {
        if (!caller.roles().contains(Roles.SCRUTINEER)) {
            return Uni.createFrom().failure(ProblemException.forbidden("only a scrutineer may co-sign an override"));
        }
        return NoticeOverride.<NoticeOverride>findById(subjectId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("override for " + subjectId))
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

    /** The override of a subject the caller may read, 404 if none. */
    public Uni<NoticeOverride.View> find(UUID subjectId) {
        return NoticeOverride.<NoticeOverride>findById(subjectId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("override for " + subjectId))
                .map(NoticeOverride.View::of);
    }

    private Uni<Ballot> draftBallot(UUID ballotId, Caller caller) {
        return ballotInArea(ballotId, caller).invoke(b -> {
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
