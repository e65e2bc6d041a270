package org.selectorate.notification.notice;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.contracts.notice.NoticeDelivered;
import org.selectorate.contracts.notice.NoticeFailed;
import org.selectorate.notification.member.MailSubject;
import org.selectorate.notification.webhook.Webhooks;
import org.selectorate.support.outbox.Outbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Sends pending notices and records each outcome with its event in one transaction: delivered (accepted by the
 * SMTP server) with {@link NoticeDelivered}, retried with exponential backoff, or failed after the last attempt
 * with {@link NoticeFailed}.
 * <p>
 * Replicas share the queue: a round claims its notices with {@code for update skip locked} in the transaction that
 * sends them and records the outcomes. SMTP is not transactional: a replica that dies after the server took a mail
 * and before its commit leaves the notice pending and unlocked, and the next round sends it again, with the same
 * {@code Message-ID}, so the receiving mail system (and the member's client) can tell it is the same notice.
 */
@ApplicationScoped
public class NoticeDispatcher {
    private static final Logger LOG = Logger.getLogger(NoticeDispatcher.class);
    /**
     * The due notices this replica claims: locked until its transaction ends, and skipped by every other replica's
     * round meanwhile, so each notice is sent by one replica.
     */
    private static final String DUE = "select * from notice where status = ?1 and next_attempt_at <= ?2 "
            + "order by created_at, id limit ?3 for update skip locked";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final ReactiveMailer mailer;
    private final NoticeConfig config;
    private final AckSigner signer;
    private final Outbox outbox;
    private final Webhooks webhooks;
    private final MeetingInvite invites;

    public NoticeDispatcher(ReactiveMailer mailer, NoticeConfig config, AckSigner signer, Outbox outbox,
                            Webhooks webhooks, MeetingInvite invites) {
        this.mailer = mailer;
        this.config = config;
        this.signer = signer;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.invites = invites;
    }

    @Scheduled(every = "${selectorate.notices.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> dispatch() {
        // One batch a round, not until the queue is empty: a round's common close queues thousands of notices at once
        // (650 ballots, 7 members each, closed then counted), and sending them as fast as the SMTP server takes them
        // takes the CPU its counts need. Every notice still goes; a large round's over a minute or two.
        return dispatchBatch()
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("notice dispatch failed; will retry", e))
                .onFailure().recoverWithNull();
    }

    private Uni<Integer> dispatchBatch() {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(DUE, Notice.class)
                                .setParameter(1, Notice.PENDING)
                                .setParameter(2, Instant.now())
                                .setParameter(3, config.batch())
                                .getResultList())
                        .call(this::sendAll)
                        .call(this::recordOutcomes))
                .map(List::size);
    }

    /** The mails go out side by side; the session is touched only afterwards, one statement at a time. */
    private Uni<Void> sendAll(List<Notice> notices) {
        if (notices.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(notices.stream().map(this::send).toList()).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> send(Notice notice) {
        notice.attempts++;
        // deferred: the mailer may refuse an address before returning a Uni
        return Uni.createFrom().deferred(() -> mailer.send(mail(notice)))
                .invoke(() -> {
                    notice.status = Notice.DELIVERED;
                    notice.deliveredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    notice.lastError = null;
                })
                .onFailure().recoverWithItem(e -> {
                    notice.lastError = e.getMessage();
                    if (notice.attempts >= config.maxAttempts()) {
                        notice.status = Notice.FAILED;
                        notice.failedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        LOG.warnf("notice %s failed after %d attempts: %s", notice.id, notice.attempts, e.getMessage());
                    } else {
                        notice.nextAttemptAt = Instant.now().plus(config.firstRetry().multipliedBy(1L << (notice.attempts - 1)));
                    }
                    return null;
                });
    }

    private Uni<Void> recordOutcomes(List<Notice> notices) {
        return Multi.createFrom().iterable(notices)
                .onItem().transformToUniAndConcatenate(this::outcome)
                .collect().last()
                .replaceWithVoid();
    }

    /**
     * A committee notice's outcome is an event (ballot-service gates steps on committee deliveries); a candidate's
     * notice keeps its outcome in the ledger only.
     */
    private Uni<Void> outcome(Notice n) {
        if (Notice.CANDIDATE.equals(n.audience)) {
            return Uni.createFrom().voidItem();
        }
        return switch (n.status) {
            case Notice.DELIVERED -> delivered(n);
            case Notice.FAILED -> {
                NoticeFailed event = new NoticeFailed(n.selectionId, n.id.toString(), n.memberId, n.kind,
                        n.attempts, n.lastError, n.failedAt);
                yield outbox.record(Topics.NOTICES, n.selectionId, NoticeFailed.TYPE, event)
                        .chain(() -> webhooks.publish(n.selectionId, Webhooks.NOTICE_FAILED, event));
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> delivered(Notice n) {
        TimetableEvent.Meeting meeting = MeetingJson.read(n.meeting);
        NoticeDelivered event = new NoticeDelivered(n.selectionId, n.id.toString(), n.memberId, n.kind, n.deliveredAt,
                meeting == null ? null : meeting.id(), meeting == null ? null : meeting.sequence());
        return outbox.record(Topics.NOTICES, n.selectionId, NoticeDelivered.TYPE, event)
                .chain(() -> webhooks.publish(n.selectionId, Webhooks.NOTICE_DELIVERED, event));
    }

    private Mail mail(Notice notice) {
        String link = config.publicUrl() + "/api/notifications/public/notices/" + notice.id + "/ack?token="
                + signer.token(notice.id);
        String body = """
                %s

                Selection: %s
                Ballot: %s
                When: %s

                %s
                Please confirm you have received it: open this link and press its button.

                %s
                """.formatted(notice.summary, notice.selectionId, notice.ballotId == null ? "-" : notice.ballotId,
                WHEN.format(notice.eventAt), Notice.CANDIDATE.equals(notice.audience)
                        ? "You are sent this as a candidate in the selection; every candidate is sent the same notice."
                        : "You are sent this as a member of the selection committee; every member is sent the same "
                        + "notice.", link);
        if (notice.messageId == null) {
            // notices queued before Message-IDs were kept
            notice.messageId = "<notice-" + notice.id + "@" + config.messageIdDomain() + ">";
        }
        Mail mail = Mail.withText(notice.recipient, MailSubject.of("Selection notice: " + notice.summary), body)
                .addHeader("Message-ID", notice.messageId);
        return notice.meeting == null ? mail : invites.attach(mail, notice.meeting,
                TimetableEvent.MEETING_CANCELLED.equals(notice.kind), notice.recipient, notice.summary);
    }
}
