package org.selectorate.ballot.attendance;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.electorate.Elector;
import org.selectorate.ballot.electorate.ElectorateService;
import org.selectorate.ballot.selection.Rulebook;
import org.selectorate.ballot.selection.Selection;
import org.selectorate.ballot.selection.SelectionAccess;
import org.selectorate.ballot.timetable.Meeting;
import org.selectorate.ballot.timetable.TimetableAccess;
import org.selectorate.integrity.audit.AuditAction;
import org.selectorate.integrity.audit.AuditState;
import org.selectorate.support.audit.AuditTrail;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.util.Map;
import java.util.UUID;

/**
 * Attendance at a started meeting, checked against the frozen roll: a member attends once, and a branch meeting
 * admits only its branch's electors. The register gives counts and whether the rulebook's quorum is met, which a
 * meeting's vote needs before it opens.
 */
@ApplicationScoped
public class AttendanceService {
    private final ElectorateService electorate;
    private final AuditTrail audit;

    public AttendanceService(ElectorateService electorate, AuditTrail audit) {
        this.electorate = electorate;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<AttendanceViews.Register> attend(UUID selectionId, UUID meetingId, String membershipNumber,
                                                Caller caller) {
        String number = membershipNumber.strip();
        return Selection.<Selection>findById(selectionId)
                .map(s -> TimetableAccess.requireOrganiser(s, caller, "selection " + selectionId))
                .chain(s -> Meeting.of(s.id, meetingId, true).invoke(m -> {
                    if (!Meeting.STARTED.equals(m.status)) {
                        throw ProblemException.conflict("meeting-not-started",
                                "attendance is registered once the meeting has started; it is " + m.status);
                    }
                }).chain(m -> rollVersion(s).chain(version -> elector(s, version, number).invoke(e -> {
                    if (m.branch != null && !m.branch.equals(e.branch)) {
                        throw ProblemException.conflict("other-branch", "member " + number + " is a member of "
                                + e.branch + ", not of " + m.branch + " whose meeting this is");
                    }
                }).chain(() -> Attendance.count("meetingId = ?1 and membershipNumber = ?2", m.id, number))
                        .chain(already -> {
                            if (already > 0) {
                                throw ProblemException.conflict("already-attending",
                                        "member " + number + " is already registered at this meeting");
                            }
                            Attendance a = new Attendance();
                            a.id = UUID.randomUUID();
                            a.meetingId = m.id;
                            a.membershipNumber = number;
                            a.registeredBy = caller.name();
                            return a.persist();
                        })
                        .call(() -> audit.record(AuditAction.named("meeting.attend").in(s.auditScope())
                                .on(s.auditTarget() + "/" + Meeting.target(m.id))
                                .after(AuditState.of(Map.of("membershipNumber", number))).build()))
                        .chain(() -> register(s, m, version)))));
    }

    @WithSession
    public Uni<AttendanceViews.Register> register(UUID selectionId, UUID meetingId, Caller caller) {
        return Selection.<Selection>findById(selectionId)
                .map(s -> SelectionAccess.requireInArea(s, caller, "selection " + selectionId))
                .chain(s -> Meeting.of(s.id, meetingId, false).chain(m -> electorate.status(s.id)
                        .chain(roll -> register(s, m, roll.version() == null ? 0 : roll.version()))));
    }

    /** The meeting's attendance against the rulebook's quorum; call in a session. */
    public static Uni<AttendanceViews.Register> register(Selection s, Meeting m, int rollVersion) {
        return Attendance.count("meetingId", m.id).chain(attending -> Rulebook.current(s).map(r -> {
            int quorum = r.meetingQuorum == null ? 0 : r.meetingQuorum;
            return new AttendanceViews.Register(m.id, m.branch, rollVersion, attending, quorum, attending >= quorum);
        }));
    }

    /** The latest roll version, complete: attendance (and a meeting's vote) is checked against nothing less. */
    public Uni<Integer> rollVersion(Selection s) {
        return electorate.status(s.id).map(roll -> {
            if (!roll.complete()) {
                throw ProblemException.conflict("electorate-incomplete", roll.version() == null
                        ? "the roll has not been frozen yet" : "the electorate of roll version " + roll.version()
                        + " has not fully arrived");
            }
            return roll.version();
        });
    }

    private static Uni<Elector> elector(Selection s, int version, String number) {
        return Elector.<Elector>find("selectionId = ?1 and version = ?2 and membershipNumber = ?3", s.id, version,
                number).<Elector>firstResult().map(e -> {
                    if (e == null) {
                        throw ProblemException.conflict("not-on-roll",
                                "member " + number + " is not on this selection's frozen roll");
                    }
                    return e;
                });
    }
}
