package org.selectorate.ballot.timetable;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.area.KnownUnits;
import org.selectorate.ballot.committee.NoticeGate;
import org.selectorate.ballot.committee.NoticeOverride;
import org.selectorate.ballot.cosign.CosignRequired;
import org.selectorate.ballot.cosign.Proposals;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A selection's meetings: scheduled, changed and cancelled with a {@code TimetableEvent} each, and started only
 * once every committee member was told of the meeting as it stands (the same gate as opening a ballot). Each step
 * is on the audit log with the meeting before and after.
 */
@ApplicationScoped
public class MeetingService {
    private static final String OVERRIDDEN = "a notice override was granted for the meeting as it stands: changing "
            + "or cancelling it needs a scrutineer's co-signature";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final TimetableEvents events;
    private final NoticeGate gate;
    private final KnownUnits units;
    private final Clock clock;
    private final AuditTrail audit;

    public MeetingService(TimetableEvents events, NoticeGate gate, KnownUnits units, Clock clock, AuditTrail audit) {
        this.events = events;
        this.gate = gate;
        this.units = units;
        this.clock = clock;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<MeetingViews.MeetingView> schedule(UUID selectionId, MeetingViews.MeetingRequest request, Caller caller) {
        Instant now = Instant.now();
        return validate(request, now).chain(() -> Selection.<Selection>findById(selectionId))
                .map(s -> TimetableAccess.requireOrganiser(s, caller, "selection " + selectionId))
                .call(s -> knownBranch(s, request.branch()))
                .chain(s -> {
                    Meeting m = new Meeting();
                    m.id = UUID.randomUUID();
                    m.selectionId = s.id;
                    m.branch = request.branch();
                    m.step = request.step();
                    apply(m, request);
                    m.sequence = 0;
                    m.status = Meeting.SCHEDULED;
                    m.createdBy = caller.name();
                    m.createdAt = now;
                    return m.<Meeting>persist().call(saved -> events.emit(s.id, TimetableEvent.MEETING_SCHEDULED,
                                    saved.startsAt, "Meeting scheduled: " + describe(saved), saved.event()))
                            .call(saved -> record("meeting.schedule", saved, null, null));
                })
                .map(MeetingViews.MeetingView::of);
    }

    /**
     * A change is a new version of the meeting: members must be told of it before it can start. Once a notice
     * override was granted for the meeting as it stands, a change needs a scrutineer's co-signature too (the override
     * would no longer hold for the changed meeting): the attempt becomes a proposal of kind {@link MeetingChange#KIND}.
     */
    @WithTransaction
    public Uni<MeetingViews.MeetingView> change(UUID selectionId, UUID meetingId, MeetingViews.MeetingRequest request,
                                                Caller caller) {
        Instant now = Instant.now();
        return validate(request, now).chain(() -> scheduled(selectionId, meetingId, caller, TimetableAccess::requireOrganiser))
                .invoke(m -> {
                    if (request.branch() != null && !request.branch().equals(m.branch)) {
                        throw ProblemException.badRequest("a meeting's branch is fixed when it is scheduled",
                                List.of("branch: the meeting is " + (m.branch == null ? "open to every elector"
                                        : "branch " + m.branch + "'s")));
                    }
                    if (request.step() != null && !request.step().equals(m.step)) {
                        throw ProblemException.badRequest("a meeting's step is fixed when it is scheduled",
                                List.of("step: the meeting is held for " + (m.step == null ? "no step" : m.step)));
                    }
                })
                .call(m -> gate.granted(m.id, m.sequence).chain(overridden -> {
                    if (overridden) {
                        throw CosignRequired.of(new Proposals.Request(MeetingChange.KIND, selectionId, m.id,
                                MeetingChange.change(request), request.reason(), OVERRIDDEN), caller);
                    }
                    Map<String, Object> before = m.audited();
                    return applyChange(m, request, now).call(() -> record("meeting.change", m, before,
                            request.reason() == null || request.reason().isBlank() ? null : request.reason().strip()));
                }))
                .map(MeetingViews.MeetingView::of);
    }

    /** As for a change: after a granted override, a proposal of kind {@link MeetingCancellation#KIND}. */
    @WithTransaction
    public Uni<MeetingViews.MeetingView> cancel(UUID selectionId, UUID meetingId, String reason, Caller caller) {
        Instant now = Instant.now();
        return scheduled(selectionId, meetingId, caller, TimetableAccess::requireOrganiser)
                .call(m -> gate.granted(m.id, m.sequence).chain(overridden -> {
                    if (overridden) {
                        throw CosignRequired.of(new Proposals.Request(MeetingCancellation.KIND, selectionId, m.id,
                                Map.of(), reason, OVERRIDDEN), caller);
                    }
                    Map<String, Object> before = m.audited();
                    return applyCancel(m, reason, now).call(() -> record("meeting.cancel", m, before, m.cancelReason));
                }))
                .map(MeetingViews.MeetingView::of);
    }

    /** Changes a scheduled, locked meeting, raising its sequence. */
    Uni<Void> applyChange(Meeting m, MeetingViews.MeetingRequest request, Instant now) {
        apply(m, request);
        m.sequence++;
        m.changedAt = now;
        return events.emit(m.selectionId, TimetableEvent.MEETING_CHANGED, m.startsAt,
                "Meeting changed: " + describe(m), m.event());
    }

    /** Cancels a scheduled, locked meeting, raising its sequence. */
    Uni<Void> applyCancel(Meeting m, String reason, Instant now) {
        m.status = Meeting.CANCELLED;
        m.cancelReason = reason.strip();
        m.cancelledAt = now;
        m.sequence++;
        return events.emit(m.selectionId, TimetableEvent.MEETING_CANCELLED, now,
                "Meeting cancelled: " + m.title + " (" + m.cancelReason + ")", m.event());
    }

    /** 409 naming every member not told of the meeting's current version in time, unless a co-signed override. */
    @WithTransaction
    public Uni<MeetingViews.MeetingView> start(UUID selectionId, UUID meetingId, Caller caller) {
        Instant now = clock.instant();
        return Selection.<Selection>findById(selectionId)
                .map(s -> TimetableAccess.requireOrganiser(s, caller, "selection " + selectionId))
                .chain(s -> Meeting.of(s.id, meetingId, true).call(m -> {
                    Meeting.requireScheduled(m);
                    Map<String, Object> before = m.audited();
                    return gate.checkMeeting(s, m.id, m.sequence, now).invoke(() -> {
                        m.status = Meeting.STARTED;
                        m.startedBy = caller.name();
                        m.startedAt = now;
                    }).call(() -> record("meeting.start", m, before, null));
                }))
                .map(MeetingViews.MeetingView::of);
    }

    @WithSession
    public Uni<List<MeetingViews.MeetingView>> list(UUID selectionId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "selection " + selectionId))
                .chain(s -> Meeting.<Meeting>list("selectionId = ?1 order by startsAt, id", s.id))
                .map(ms -> ms.stream().map(MeetingViews.MeetingView::of).toList());
    }

    @WithSession
    public Uni<MeetingViews.MeetingView> get(UUID selectionId, UUID meetingId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "selection " + selectionId))
                .chain(s -> Meeting.of(s.id, meetingId, false))
                .map(MeetingViews.MeetingView::of);
    }

    /**
     * An admin proposes that the meeting, as it stands, may start without every member told; it counts once
     * co-signed, and only for this version of the meeting.
     */
    @WithTransaction
    public Uni<NoticeOverride.View> recordOverride(UUID selectionId, UUID meetingId, String reason, Caller caller) {
        return scheduled(selectionId, meetingId, caller, SelectionAccess::requireInArea)
                .chain(m -> gate.recordFor(NoticeOverride.MEETING, m.selectionId, m.id, m.sequence, reason, caller));
    }

    /** The override of the meeting as it stands. */
    @WithSession
    public Uni<NoticeOverride.View> override(UUID selectionId, UUID meetingId, Caller caller) {
        return get(selectionId, meetingId, caller).chain(m -> gate.find(m.id(), m.sequence()));
    }

    /** A step on the meeting, by the caller, on the audit log: the meeting before (if it existed) and after. */
    private Uni<Void> record(String name, Meeting m, Map<String, Object> before, String reason) {
        return Selection.<Selection>findById(m.selectionId).chain(s -> audit.record(AuditAction.named(name)
                .in(s.auditScope()).on(s.auditTarget() + "/" + Meeting.target(m.id))
                .before(before == null ? null : AuditState.of(before)).after(AuditState.of(m.audited()))
                .reason(reason).build()));
    }

    private Uni<Meeting> scheduled(UUID selectionId, UUID meetingId, Caller caller, Access access) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> access.check(s, caller, "selection " + selectionId))
                .chain(s -> Meeting.of(s.id, meetingId, true))
                .invoke(Meeting::requireScheduled);
    }

    @FunctionalInterface
    private interface Access {
        Selection check(Selection selection, Caller caller, String what);
    }

    /** 400 unless the branch is one of the constituency's, as membership-service announced them. */
    private Uni<Void> knownBranch(Selection s, String branch) {
        if (branch == null) {
            return Uni.createFrom().voidItem();
        }
        return units.branchesOf(s.constituency).invoke(known -> {
            if (known.stream().noneMatch(b -> b.code.equals(branch))) {
                throw ProblemException.badRequest("no such branch in " + s.constituency,
                        List.of("branch: " + branch + " is not a branch of constituency " + s.constituency));
            }
        }).replaceWithVoid();
    }

    static Uni<Void> validate(MeetingViews.MeetingRequest request, Instant now) {
        List<String> errors = new ArrayList<>();
        if (!request.startsAt().isAfter(now)) {
            errors.add("startsAt: must be in the future");
        }
        if (!request.endsAt().isAfter(request.startsAt())) {
            errors.add("endsAt: must be after startsAt");
        }
        return errors.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.badRequest("the meeting's times are not possible", errors));
    }

    private static void apply(Meeting m, MeetingViews.MeetingRequest request) {
        m.title = request.title().strip();
        // Whole seconds: what a calendar entry can say, and what the database keeps exactly.
        m.startsAt = request.startsAt().truncatedTo(ChronoUnit.SECONDS);
        m.endsAt = request.endsAt().truncatedTo(ChronoUnit.SECONDS);
        m.location = request.location().strip();
    }

    private static String describe(Meeting m) {
        return m.title + ", " + WHEN.format(m.startsAt) + " at " + m.location;
    }
}
