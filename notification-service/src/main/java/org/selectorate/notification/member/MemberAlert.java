package org.selectorate.notification.member;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A message to a member: pending until the SMTP server accepts it, failed after the last retry. Once sent or failed
 * it keeps no time but the day it was sent, and "a ballot was issued in your name" keeps no row at all
 * ({@link MailDispatcher}).
 */
@Entity
@Table(name = "member_alert")
public class MemberAlert extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String kind;

    /** The ballot the mail is about, if any. */
    @Column(name = "ballot_id")
    public String ballotId;

    @Column(name = "selection_id")
    public String selectionId;

    /** A candidate mailing's row: the body is rendered from the mailing when sent. */
    @Column(name = "mailing_id")
    public UUID mailingId;

    @Column(name = "membership_number")
    public String membershipNumber;

    /**
     * Access-code alerts only: the code as ballot-service sealed it to this service ({@code CodeSeal}); the body
     * holds a slot for it ({@link AccessCodeMail}). Erased with the body once the mail is sent or has failed.
     */
    @Column(name = "sealed_code")
    public String sealedCode;

    @Column(nullable = false)
    public String recipient;

    @Column(nullable = false)
    public String subject;

    public String body;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    /** While pending only: once sent or failed, a row keeps no time finer than {@link #sentOn}. */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** While pending only, as {@link #nextAttemptAt}. */
    @Column(name = "created_at")
    public Instant createdAt;

    /** The day (UTC) the SMTP server accepted the mail, no finer. */
    @Column(name = "sent_on")
    public LocalDate sentOn;

    @Column(name = "last_error")
    public String lastError;

    /** A meeting notice's meeting and the sequence it tells of; null for other mail. */
    @Column(name = "meeting_id")
    public String meetingId;

    @Column(name = "meeting_sequence")
    public Integer meetingSequence;

    /** A meeting notice's meeting as announced (JSON), for the invitation written at send. */
    public String meeting;

    public static MemberAlert pending(String kind, String ballotId, String recipient, String subject, String body) {
        MemberAlert alert = new MemberAlert();
        alert.kind = kind;
        alert.ballotId = ballotId;
        alert.recipient = recipient;
        alert.subject = subject;
        alert.body = body;
        alert.status = PENDING;
        alert.createdAt = Instant.now();
        alert.nextAttemptAt = alert.createdAt;
        return alert;
    }
}
