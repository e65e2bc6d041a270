package org.selectorate.ballot.committee;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.cosign.Proposal;
import org.selectorate.ballot.cosign.Proposals;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A ballot opens, and a meeting starts, only when every committee member has a delivered notice of it (not
 * bounced for good) at least the rulebook's lead time before, or an admin's override of it (of the meeting as it
 * stands) has been co-signed by a scrutineer: a proposal of kind {@link OverrideGrant#KIND}.
 */
@ApplicationScoped
public class NoticeGate {
    private final Proposals proposals;

    public NoticeGate(Proposals proposals) {
        this.proposals = proposals;
    }

    /** Fails with 409 naming every member not told of the ballot in time; runs in the opening's transaction. */
    public Uni<Void> check(Selection selection, UUID ballotId, Instant now) {
        return gate(selection, ballotId, null, now, "the ballot", "it opens", toldBy -> NoticeDelivery.list(
                "selectionId = ?1 and kind = ?2 and deliveredAt <= ?3 and bouncedAt is null",
                selection.id, TimetableEvent.BALLOT_SCHEDULED, toldBy));
    }

    /**
     * Fails with 409 naming every member not told of the meeting as it now stands (its scheduling or latest change,
     * i.e. its current {@code sequence}) in time; runs in the start's transaction.
     */
    public Uni<Void> checkMeeting(Selection selection, UUID meetingId, int sequence, Instant now) {
        return gate(selection, meetingId, sequence, now, "the meeting as last scheduled", "it starts", toldBy -> NoticeDelivery.list(
                "meetingId = ?1 and sequence = ?2 and kind in (?3) and deliveredAt <= ?4 and bouncedAt is null",
                meetingId, sequence, List.of(TimetableEvent.MEETING_SCHEDULED, TimetableEvent.MEETING_CHANGED), toldBy));
    }

    private Uni<Void> gate(Selection selection, UUID subjectId, Integer sequence, Instant now, String what,
                           String when, Function<Instant, Uni<List<NoticeDelivery>>> deliveredBy) {
        return granted(subjectId, sequence).chain(granted -> {
            if (granted) {
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

    /**
     * Whether a co-signed override stands for this version of the subject (a meeting's {@code sequence}; null for a
     * ballot): an override granted for an earlier version of a meeting does not.
     */
    public Uni<Boolean> granted(UUID subjectId, Integer sequence) {
        return NoticeOverride.forVersion(subjectId, sequence).map(o -> o != null && o.cosignedAt != null);
    }

    /** An admin proposes that the ballot may open without every member told; it counts once co-signed. */
    @WithTransaction
    public Uni<NoticeOverride.View> recordOverride(UUID ballotId, String reason, Caller caller) {
        return draftBallot(ballotId, caller)
                .chain(b -> recordFor(NoticeOverride.BALLOT, b.selectionId, ballotId, null, reason, caller));
    }

    @WithSession
    public Uni<NoticeOverride.View> override(UUID ballotId, Caller caller) {
        return ballotInArea(ballotId, caller).chain(b -> find(ballotId, null));
    }

    /**
     * Records an override of {@code subject} ({@link NoticeOverride#BALLOT} or {@link NoticeOverride#MEETING}, then
     * at its current {@code sequence}) with the proposal a scrutineer co-signs to grant it; the caller has checked
     * that the subject is in the caller's area and not yet started.
     */
    public Uni<NoticeOverride.View> recordFor(String subject, UUID selectionId, UUID subjectId, Integer sequence,
                                              String reason, Caller caller) {
        if (!SelectionAccess.hasAny(caller, SelectionAccess.ADMINS)) {
            return Uni.createFrom().failure(ProblemException.forbidden("only an HQ or regional admin may record an override"));
        }
        return NoticeOverride.standing(subjectId, sequence).chain(standing -> {
            if (standing) {
                throw ProblemException.conflict("override-exists", "an override is already granted or awaiting "
                        + "co-signature for this " + subject + (sequence == null ? "" : " as it stands"));
            }
            return proposals.propose(new Proposals.Request(OverrideGrant.KIND, selectionId, subjectId,
                    Map.of("subject", subject), reason, "a notice override needs a scrutineer's co-signature"), caller);
        }).chain(proposal -> {
            NoticeOverride o = new NoticeOverride();
            o.id = UUID.randomUUID();
            o.subjectId = subjectId;
            o.subject = subject;
            o.sequence = sequence;
            o.reason = reason.strip();
            o.recordedBy = caller.name();
            o.recorderSubject = caller.subject();
            o.recordedAt = proposal.proposedAt();
            o.proposalId = proposal.id();
            return o.<NoticeOverride>persist().chain(this::view);
        });
    }

    /** The override of this version of a subject the caller may read, 404 if none. */
    public Uni<NoticeOverride.View> find(UUID subjectId, Integer sequence) {
        return NoticeOverride.forVersion(subjectId, sequence)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("override for " + subjectId))
                .chain(this::view);
    }

    private Uni<NoticeOverride.View> view(NoticeOverride o) {
        return o.proposalId == null ? Uni.createFrom().item(NoticeOverride.View.of(o, null))
                : Proposal.<Proposal>findById(o.proposalId).map(p -> NoticeOverride.View.of(o, p));
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
