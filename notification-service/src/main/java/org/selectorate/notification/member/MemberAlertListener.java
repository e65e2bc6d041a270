package org.selectorate.notification.member;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.selectorate.contracts.ballot.AccessCodeIssued;
import org.selectorate.contracts.ballot.AccessCodeRevoked;
import org.selectorate.contracts.ballot.AppealAcknowledged;
import org.selectorate.contracts.ballot.CredentialIssued;
import org.selectorate.support.inbox.Inbox;
import org.selectorate.support.inbox.Redelivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns ballot events into mail to members, at the contact held at the freeze (the events carry it from the roll;
 * a later contact change never re-targets them): the access code when a ballot opens (kept sealed until the mail is
 * written), "a ballot was issued in your name" when a credential is issued, and "you are no longer on the roll"
 * when a co-signed roll change revokes a member's code, and the acknowledgement of a member's appeal against a
 * result. A poll's events are one transaction:
 * their inbox rows in one statement, the new ones' alerts in another, so each event is mailed once at two statements
 * per batch rather than per event.
 */
@ApplicationScoped
public class MemberAlertListener {
    static final String ACCESS_CODE = "access-code";
    static final String CREDENTIAL_ISSUED = "credential-issued";
    static final String ACCESS_CODE_REVOKED = "access-code-revoked";
    static final String APPEAL_ACKNOWLEDGED = "appeal-acknowledged";
    private static final Set<String> TYPES = Set.of(AccessCodeIssued.TYPE, CredentialIssued.TYPE,
            AccessCodeRevoked.TYPE, AppealAcknowledged.TYPE);
    static final String CONSUMER = "notification-service";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy");
    /** Native SQL on the hot path: a batch's alerts in one statement (Hibernate cannot batch identity inserts). */
    private static final String INSERT_ALERTS = """
            insert into member_alert (kind, ballot_id, recipient, subject, body, sealed_code, status, attempts,
                                      next_attempt_at, created_at)
            select a.kind, a.ballot_id, a.recipient, a.subject, a.body, a.sealed_code, ?7, 0, ?8, ?8
            from unnest(cast(?1 as text[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as text[]),
                        cast(?5 as text[]), cast(?6 as text[])) as a(kind, ballot_id, recipient, subject, body, sealed_code)
            """;

    private final Inbox inbox;
    private final ObjectMapper json;
    private final MailConfig mail;

    public MemberAlertListener(Inbox inbox, ObjectMapper json, MailConfig mail) {
        this.inbox = inbox;
        this.json = json;
        this.mail = mail;
    }

    /** A delivered event of ours (CloudEvents binary mode: id and type in the headers). */
    private record Event(String id, String type, String payload) {
    }

    @Incoming("credentials")
    public Uni<Void> onBatch(KafkaRecordBatch<String, String> batch) {
        List<Event> events = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            String type = header(record, "ce_type");
            String id = header(record, "ce_id");
            if (id != null && TYPES.contains(type)) {
                events.add(new Event(id, type, record.getPayload()));
            }
        }
        if (events.isEmpty()) {
            return Uni.createFrom().completionStage(batch.ack());
        }
        return Redelivery.retried(CONSUMER, () -> Panache.withTransaction(() -> inbox.fresh(CONSUMER, events,
                                Event::id, Event::type)
                        .chain(fresh -> insert(fresh.stream().map(this::alert).toList()))),
                        UncheckedIOException.class::isInstance) // an unreadable event will not read better later
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .onFailure().call(e -> Uni.createFrom().completionStage(batch.nack(e)));
    }

    private MemberAlert alert(Event event) {
        return switch (event.type()) {
            case AccessCodeIssued.TYPE -> accessCode(read(event.payload(), AccessCodeIssued.class), mail.publicUrl());
            case AccessCodeRevoked.TYPE -> accessCodeRevoked(read(event.payload(), AccessCodeRevoked.class));
            case AppealAcknowledged.TYPE -> appealAcknowledged(read(event.payload(), AppealAcknowledged.class));
            default -> credentialIssued(read(event.payload(), CredentialIssued.class));
        };
    }

    private static Uni<Void> insert(List<MemberAlert> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = alerts.size();
        String[] kinds = new String[n];
        String[] ballots = new String[n];
        String[] recipients = new String[n];
        String[] subjects = new String[n];
        String[] bodies = new String[n];
        String[] sealedCodes = new String[n];
        for (int i = 0; i < n; i++) {
            MemberAlert a = alerts.get(i);
            kinds[i] = a.kind;
            ballots[i] = a.ballotId;
            recipients[i] = a.recipient;
            subjects[i] = a.subject;
            bodies[i] = a.body;
            sealedCodes[i] = a.sealedCode;
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT_ALERTS)
                        .setParameter(1, kinds).setParameter(2, ballots).setParameter(3, recipients)
                        .setParameter(4, subjects).setParameter(5, bodies).setParameter(6, sealedCodes)
                        .setParameter(7, MemberAlert.PENDING).setParameter(8, Instant.now())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The row keeps the code sealed, and the text with a slot for it: the clear code is never stored. */
    static MemberAlert accessCode(AccessCodeIssued event, String publicUrl) {
        MemberAlert alert = MemberAlert.pending(ACCESS_CODE, event.ballotId(), event.email(),
                AccessCodeMail.subject(event), AccessCodeMail.withSlot(event, publicUrl));
        alert.sealedCode = event.sealedCode();
        return alert;
    }

    /** The day only: the mail, like the event, names no time that could be set against the record's order. */
    static MemberAlert credentialIssued(CredentialIssued event) {
        String body = """
                A ballot credential for "%s" (ballot %s) was issued in your name on %s (channel: %s).

                If this was you, there is nothing to do. If it was not, tell the procedures secretary
                and the scrutineer at once: the marked register records every issue.
                """.formatted(event.title(), event.ballotId(), DAY.format(event.issuedOn()), event.channel());
        return MemberAlert.pending(CREDENTIAL_ISSUED, event.ballotId(), event.email(),
                "A ballot was issued in your name: " + event.title(), body);
    }

    /** A member taken off an open ballot's roll hears of it while there is still time to object. */
    static MemberAlert accessCodeRevoked(AccessCodeRevoked event) {
        String body = """
                Dear %s,

                After a change to the roll, made by an official and co-signed by a scrutineer, you are no longer
                on the roll for "%s" (ballot %s). The access code sent to you for it no longer works.
                If a ballot was already issued in your name, the marked register keeps it and shows you as off
                the roll.

                If you think this is wrong, tell the procedures secretary and the scrutineer at once: the
                audit log records the change, who made it and who approved it.
                """.formatted(event.name(), event.title(), event.ballotId());
        return MemberAlert.pending(ACCESS_CODE_REVOKED, event.ballotId(), event.email(),
                "You are no longer on the roll: " + event.title(), body);
    }

    /** A member who appealed against a result is told it was lodged, with the reference to quote. */
    static MemberAlert appealAcknowledged(AppealAcknowledged event) {
        String body = """
                Dear %s,

                Your appeal against the declared result of "%s" was lodged on %s. Its reference is %s;
                quote it in any message about the appeal.

                HQ will decide it and give its reasons. The appeal is published with the selection (its
                grounds, status and decision), without your name.
                """.formatted(event.name(), event.title(), DAY.format(event.lodgedOn()), event.reference());
        return MemberAlert.pending(APPEAL_ACKNOWLEDGED, event.ballotId(), event.email(),
                "Appeal " + event.reference() + " lodged: " + event.title(), body);
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + type.getSimpleName(), e);
        }
    }

    private static String header(KafkaRecord<String, String> record, String name) {
        Header h = record.getHeaders().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
