package org.selectorate.notification.member;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.notification.mailing.MailingRenderer;

import java.time.Instant;
import java.util.List;

/**
 * Sends pending member mail and records the outcome: sent (accepted by the SMTP server; the body is
 * then erased), or retried with exponential backoff, or failed after the last attempt (the body is erased too:
 * nobody resends it). Candidate mailings are rendered per recipient as they are sent.
 */
@ApplicationScoped
public class MailDispatcher {
    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);

    private final ReactiveMailer mailer;
    private final MailConfig config;
    private final MailingRenderer mailings;

    public MailDispatcher(ReactiveMailer mailer, MailConfig config, MailingRenderer mailings) {
        this.mailer = mailer;
        this.config = config;
        this.mailings = mailings;
    }

    @Scheduled(every = "${selectorate.mail.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> dispatch() {
        return Multi.createBy().repeating().uni(this::dispatchBatch).whilst(n -> n == config.batch())
                .collect().last()
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("mail dispatch failed; will retry", e))
                .onFailure().recoverWithNull();
    }

    private Uni<Integer> dispatchBatch() {
        return Panache.withTransaction(() -> MemberAlert.<MemberAlert>find(
                                "status = ?1 and nextAttemptAt <= ?2 order by id", MemberAlert.PENDING, Instant.now())
                        .page(0, config.batch()).list()
                        .call(this::sendAll))
                .map(List::size);
    }

    private Uni<Void> sendAll(List<MemberAlert> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return mailings.render(alerts).chain(rendered -> Uni.join().all(alerts.stream()
                .map(a -> send(a, rendered.getOrDefault(a.id, Mail.withText(a.recipient, a.subject, a.body))))
                .toList()).andCollectFailures().replaceWithVoid());
    }

    private Uni<Void> send(MemberAlert alert, Mail mail) {
        alert.attempts++;
        return mailer.send(mail)
                .invoke(() -> {
                    alert.status = MemberAlert.SENT;
                    alert.sentAt = Instant.now();
                    alert.body = null;
                    alert.lastError = null;
                })
                .onFailure().recoverWithItem(e -> {
                    alert.lastError = e.getMessage();
                    if (alert.attempts >= config.maxAttempts()) {
                        alert.status = MemberAlert.FAILED;
                        alert.body = null;
                        LOG.warnf("member alert %d failed after %d attempts: %s", alert.id, alert.attempts, e.getMessage());
                    } else {
                        alert.nextAttemptAt = Instant.now().plus(config.firstRetry().multipliedBy(1L << (alert.attempts - 1)));
                    }
                    return null;
                });
    }
}
