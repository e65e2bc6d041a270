package org.selectorate.notification.member;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A message to a member: pending until the SMTP server accepts it, failed after the last retry. */
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

    /** Access-code alerts only: {@link ReceiptKeys#hash} of the ballot and code, to route a receipt. */
    @Column(name = "code_hash")
    public String codeHash;

    @Column(nullable = false)
    public String recipient;

    @Column(nullable = false)
    public String subject;

    public String body;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "last_error")
    public String lastError;

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
