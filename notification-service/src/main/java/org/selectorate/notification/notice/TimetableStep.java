package org.selectorate.notification.notice;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.selectorate.notification.mailing.MailingCandidate;

import java.time.Instant;
import java.util.UUID;

/** A timetable event as received; kept so members appointed later are told of it too. */
@Entity
@Table(name = "timetable_step")
public class TimetableStep extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "selection_id", nullable = false)
    public String selectionId;

    @Column(name = "ballot_id")
    public String ballotId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "event_at", nullable = false)
    public Instant eventAt;

    @Column(nullable = false)
    public String summary;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** The meeting of a meeting step, as JSON ({@link MeetingJson}); null otherwise. */
    public String meeting;

    /** A pending notice of this step to {@code seat}, with its own Message-ID. */
    Notice noticeTo(CommitteeSeat seat, Instant now, String messageIdDomain) {
        return notice(seat.memberId, seat.email, Notice.COMMITTEE, now, messageIdDomain);
    }

    /** A pending notice of this step to a candidate, at the address held for them. */
    Notice noticeTo(MailingCandidate candidate, Instant now, String messageIdDomain) {
        return notice(candidate.candidateId, candidate.email, Notice.CANDIDATE, now, messageIdDomain);
    }

    private Notice notice(String memberId, String recipient, String audience, Instant now, String messageIdDomain) {
        Notice notice = new Notice();
        notice.id = UUID.randomUUID();
        notice.selectionId = selectionId;
        notice.ballotId = ballotId;
        notice.kind = kind;
        notice.eventAt = eventAt;
        notice.summary = summary;
        notice.memberId = memberId;
        notice.recipient = recipient;
        notice.audience = audience;
        notice.status = Notice.PENDING;
        notice.createdAt = now;
        notice.nextAttemptAt = now;
        notice.meeting = meeting;
        notice.messageId = "<notice-" + notice.id + "@" + messageIdDomain + ">";
        return notice;
    }
}
