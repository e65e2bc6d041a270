package org.selectorate.ballot.timetable;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A meeting of a selection; every change raises its sequence, and a start needs every member told of the last. */
@Entity
@Table(name = "meeting")
public class Meeting extends PanacheEntityBase {
    public static final String SCHEDULED = "scheduled";
    public static final String CANCELLED = "cancelled";
    public static final String STARTED = "started";

    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    @Column(nullable = false)
    public String title;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(nullable = false)
    public String location;

    @Column(nullable = false)
    public int sequence;

    @Column(nullable = false)
    public String status;

    @Column(name = "cancel_reason")
    public String cancelReason;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Column(name = "started_by")
    public String startedBy;

    @Column(name = "started_at")
    public Instant startedAt;

    /** The branch whose members may attend, or null for a meeting open to every elector (a hustings). */
    public String branch;

    /** The step the meeting is held for ({@code trigger} or {@code nominations}), or null: its votes' records are
     * published when that step closes. */
    public String step;

    /** The selection's meeting, locked for a change if {@code lock}: 404 if it has none by this id. */
    public static Uni<Meeting> of(UUID selectionId, UUID meetingId, boolean lock) {
        Uni<Meeting> found = lock ? findById(meetingId, LockModeType.PESSIMISTIC_WRITE) : findById(meetingId);
        return found.map(m -> {
            if (m == null || !m.selectionId.equals(selectionId)) {
                throw ProblemException.notFound("meeting " + meetingId);
            }
            return m;
        });
    }

    /** The meeting locked for a change: 404 if there is none, 409 unless it is still scheduled. */
    public static Uni<Meeting> lockScheduled(UUID id) {
        return Meeting.<Meeting>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("meeting " + id))
                .invoke(Meeting::requireScheduled);
    }

    public static void requireScheduled(Meeting m) {
        if (!SCHEDULED.equals(m.status)) {
            throw ProblemException.conflict("meeting-" + m.status, "the meeting has been " + m.status);
        }
    }

    /** What a proposal about the meeting is bound to: a change raises the sequence. */
    public Map<String, Object> version() {
        return Map.of("sequence", sequence, "status", status);
    }

    /** The meeting as the audit log keeps it, before or after a step. */
    Map<String, Object> audited() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("startsAt", startsAt.toString());
        m.put("endsAt", endsAt.toString());
        m.put("location", location);
        m.put("sequence", sequence);
        m.put("status", status);
        if (cancelReason != null) {
            m.put("cancelReason", cancelReason);
        }
        if (branch != null) {
            m.put("branch", branch);
        }
        if (step != null) {
            m.put("step", step);
        }
        return m;
    }

    /** How the audit log names a meeting, below its selection. */
    public static String target(UUID meetingId) {
        return "meeting/" + meetingId;
    }

    TimetableEvent.Meeting event() {
        return new TimetableEvent.Meeting(id.toString(), sequence, title, startsAt, endsAt, location, cancelReason,
                branch);
    }
}
