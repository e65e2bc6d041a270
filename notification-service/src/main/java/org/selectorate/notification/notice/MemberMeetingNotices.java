package org.selectorate.notification.notice;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.notification.member.MemberAlert;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * A meeting's notice to members: every elector of the meeting's branch (every elector, for a meeting open to all)
 * on the selection's latest complete frozen roll, once per elector per meeting sequence, through the member mail
 * queue with the committee's {@code meeting.ics}. A statutory notice, like an access code: candidate-mailing
 * unsubscribes do not apply. A step that arrives before the roll is frozen is sent when a roll version completes,
 * if the meeting is still to come and not cancelled; a later roll version's new electors are sent it the same way.
 * <p>
 * The meeting's step and a roll's last chunk arrive on different topics; each takes the selection's advisory lock
 * before reading what the other writes, so whichever commits second sees the first and nobody is missed.
 */
@ApplicationScoped
public class MemberMeetingNotices {
    private static final Set<String> MEETING_KINDS = Set.of(TimetableEvent.MEETING_SCHEDULED,
            TimetableEvent.MEETING_CHANGED, TimetableEvent.MEETING_CANCELLED);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** The selection's latest roll version whose every chunk has arrived ({@code %s}: the selection id). */
    private static final String LATEST_ROLL = """
            (select r.version from mailing_roll r
             where r.selection_id = %s
               and (select count(*) from mailing_roll_chunk c
                    where c.selection_id = r.selection_id and c.version = r.version) = r.chunks
             order by r.version desc limit 1)""";
    /** One pending mail per elector summoned and not yet sent this sequence; bodies are written once per step. */
    private static final String QUEUE = """
            insert into member_alert (kind, selection_id, membership_number, recipient, subject, body, status,
                                      attempts, next_attempt_at, created_at, meeting_id, meeting_sequence, meeting)
            select m.kind, m.selection_id, e.membership_number, e.email, m.subject, m.body, '%s', 0, now(), now(),
                   m.meeting_id, m.sequence, m.meeting
            from member_meeting m
            join roll_elector e on e.selection_id = m.selection_id and e.version = %s
                               and (m.branch is null or e.branch = m.branch)
            where %s
            on conflict do nothing
            """;
    /** A step's notice, to the electors of the latest complete roll (none if there is none yet). */
    private static final String QUEUE_STEP = QUEUE.formatted(MemberAlert.PENDING,
            LATEST_ROLL.formatted("m.selection_id"), "m.meeting_id = ?1");
    /** When a roll version completes: every meeting still to come, to that roll's electors not yet sent it. */
    private static final String QUEUE_UPCOMING = QUEUE.formatted(MemberAlert.PENDING,
            LATEST_ROLL.formatted("m.selection_id"),
            "m.selection_id = $1 and m.kind <> '" + TimetableEvent.MEETING_CANCELLED + "' and m.starts_at > now()");
    private static final String LOCK = "select count(*) from (select pg_advisory_xact_lock(hashtext(%s))) as l";
    private static final String UPSERT = """
            insert into member_meeting (meeting_id, selection_id, sequence, kind, branch, starts_at, subject, body,
                                        meeting)
            values (?1, ?2, ?3, ?4, cast(?5 as text), ?6, ?7, ?8, ?9)
            on conflict (meeting_id) do update
            set sequence = excluded.sequence, kind = excluded.kind, branch = excluded.branch,
                starts_at = excluded.starts_at, subject = excluded.subject, body = excluded.body,
                meeting = excluded.meeting
            where member_meeting.sequence <= excluded.sequence
            """;
    private static final String COUNTS = """
            select %s as version,
                   (select count(*) from roll_elector e
                    where e.selection_id = $1 and e.version = %1$s and ($2::text is null or e.branch = $2)) as electors,
                   count(*) filter (where a.status = '%s') as sent,
                   count(*) filter (where a.status = '%s') as pending,
                   count(*) filter (where a.status = '%s') as failed
            from (select 1) as one
            left join member_alert a on a.meeting_id = $3 and a.meeting_sequence = $4
            """.formatted(LATEST_ROLL.formatted("$1"), MemberAlert.SENT, MemberAlert.PENDING, MemberAlert.FAILED);

    private final Pool pool;

    public MemberMeetingNotices(Pool pool) {
        this.pool = pool;
    }

    /** What organisers see of a meeting's notices to members: counts, never who. */
    public record Counts(@Schema(example = "6e2d8f14-3a9b-4c7e-a1d5-0f8b2c9e7a36") String meetingId,
                         @Schema(example = "NW-001-B1") String branch,
                         @Schema(example = "0") int sequence,
                         @Schema(example = "2") Integer rollVersion,
                         @Schema(example = "162") long electors,
                         @Schema(example = "159") long sent,
                         @Schema(example = "2") long pending,
                         @Schema(example = "1") long failed) {
    }

    /**
     * A meeting step, in the transaction that received it: the meeting's notice kept as its latest, and queued to
     * the summoned electors of the latest complete roll.
     */
    Uni<Void> step(TimetableEvent event) {
        TimetableEvent.Meeting meeting = event.meeting();
        if (meeting == null || !MEETING_KINDS.contains(event.kind())) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(LOCK.formatted("?1"), Long.class)
                        .setParameter(1, lockKey(event.selectionId())).getSingleResult()
                        .chain(() -> s.createNativeQuery(UPSERT)
                                .setParameter(1, meeting.id()).setParameter(2, event.selectionId())
                                .setParameter(3, meeting.sequence()).setParameter(4, event.kind())
                                .setParameter(5, meeting.branch()).setParameter(6, meeting.startsAt())
                                .setParameter(7, "Meeting notice: " + event.summary())
                                .setParameter(8, body(event)).setParameter(9, MeetingJson.write(meeting))
                                .executeUpdate())
                        .chain(() -> s.createNativeQuery(QUEUE_STEP).setParameter(1, meeting.id()).executeUpdate()))
                .replaceWithVoid();
    }

    /**
     * A roll version of the selection may have just completed, on the connection holding its chunk's transaction:
     * every meeting still to come is queued to the latest complete roll's electors who have not been sent it.
     */
    public Uni<Void> rollCompleted(SqlConnection conn, String selectionId) {
        return conn.preparedQuery(LOCK.formatted("$1")).execute(Tuple.of(lockKey(selectionId)))
                .chain(() -> conn.preparedQuery(QUEUE_UPCOMING).execute(Tuple.of(selectionId)))
                .replaceWithVoid();
    }

    /** The counts for a meeting of a selection in the caller's area; 404 otherwise, as for an unknown meeting. */
    @WithSession
    public Uni<Counts> counts(String selectionId, String meetingId, Caller caller) {
        return SelectionArea.of(selectionId)
                .invoke(area -> {
                    if (area == null || !caller.covers(area.region, area.constituency)) {
                        throw ProblemException.notFound("selection " + selectionId);
                    }
                })
                .chain(() -> MemberMeeting.<MemberMeeting>findById(meetingId))
                .invoke(m -> {
                    if (m == null || !m.selectionId.equals(selectionId)) {
                        throw ProblemException.notFound("meeting " + meetingId);
                    }
                })
                .chain(m -> pool.preparedQuery(COUNTS)
                        .execute(Tuple.of(selectionId, m.branch, m.meetingId, m.sequence))
                        .map(rows -> {
                            Row r = rows.iterator().next();
                            return new Counts(m.meetingId, m.branch, m.sequence, r.getInteger("version"),
                                    r.getLong("electors"), r.getLong("sent"), r.getLong("pending"),
                                    r.getLong("failed"));
                        }));
    }

    private static String lockKey(String selectionId) {
        return "member-meeting:" + selectionId;
    }

    /** What, where, when, and what changed: the same text for every elector, who is not named. */
    static String body(TimetableEvent event) {
        TimetableEvent.Meeting m = event.meeting();
        String status = switch (event.kind()) {
            case TimetableEvent.MEETING_CANCELLED -> "This meeting is CANCELLED"
                    + (m.reason() == null ? "." : ": " + m.reason()) + "\n\n";
            case TimetableEvent.MEETING_CHANGED -> "This meeting has been changed: this notice replaces any you were "
                    + "sent before.\n\n";
            default -> "";
        };
        String who = m.branch() == null
                ? "You are sent this as an elector on the selection's roll; every elector is sent the same notice."
                : "You are sent this as a member of branch " + m.branch() + " on the selection's roll; every member "
                        + "of the branch on the roll is sent the same notice.";
        return """
                %s

                %sWhat:  %s
                Where: %s
                When:  %s to %s

                Selection: %s

                %s The attached invitation (meeting.ics) puts the meeting in your calendar, and a later notice
                updates it. This is a notice the party's rules require: it is sent whatever you chose about
                candidates' messages.
                """.formatted(event.summary(), status, m.title(), m.location(), WHEN.format(m.startsAt()),
                WHEN.format(m.endsAt()), event.selectionId(), who);
    }
}
