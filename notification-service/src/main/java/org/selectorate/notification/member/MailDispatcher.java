package org.selectorate.notification.member;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.notification.mailing.MailingRenderer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Sends pending member mail and records the outcome: sent (accepted by the SMTP server; the body is
 * then erased), or retried with exponential backoff, or failed after the last attempt (the body is erased too:
 * nobody resends it). Candidate mailings are rendered per recipient as they are sent. A round reads its batch,
 * sends it holding no database connection, then writes every outcome in one statement.
 */
@ApplicationScoped
public class MailDispatcher {
    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    /**
     * Native SQL: a round's outcomes in one statement rather than an update per mail. Only the columns a dispatch
     * decides are written; the body is kept while the mail is still pending.
     */
    private static final String RECORD = """
            update member_alert a
            set status = o.status, attempts = o.attempts, next_attempt_at = o.next_attempt_at, sent_at = o.sent_at,
                last_error = o.last_error, body = case when o.status = $7 then a.body end
            from unnest($1::bigint[], $2::text[], $3::int[], $4::timestamptz[], $5::timestamptz[], $6::text[])
                 as o(id, status, attempts, next_attempt_at, sent_at, last_error)
            where a.id = o.id
            """;

    private final ReactiveMailer mailer;
    private final MailConfig config;
    private final MailingRenderer mailings;
    private final Pool pool;

    public MailDispatcher(ReactiveMailer mailer, MailConfig config, MailingRenderer mailings, Pool pool) {
        this.mailer = mailer;
        this.config = config;
        this.mailings = mailings;
        this.pool = pool;
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

    private record Batch(List<MemberAlert> alerts, Map<Long, Mail> rendered) {
    }

    private Uni<Integer> dispatchBatch() {
        // Served by the partial index member_alert_pending (V7): the first due rows in id order, however long the queue.
        return Panache.withSession(() -> MemberAlert.<MemberAlert>find(
                                "status = ?1 and nextAttemptAt <= ?2 order by id", MemberAlert.PENDING, Instant.now())
                        .page(0, config.batch()).list()
                        .chain(alerts -> mailings.render(alerts).map(rendered -> new Batch(alerts, rendered))))
                .call(this::sendAll)
                .map(batch -> batch.alerts().size());
    }

    private Uni<Void> sendAll(Batch batch) {
        List<MemberAlert> alerts = batch.alerts();
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(alerts.stream()
                        .map(a -> send(a, batch.rendered().getOrDefault(a.id,
                                Mail.withText(a.recipient, MailSubject.of(a.subject), a.body))))
                        .toList()).andCollectFailures()
                .chain(() -> record(alerts));
    }

    /** Writes the outcomes decided by {@link #send} (the alerts are detached: nothing else writes them). */
    private Uni<Void> record(List<MemberAlert> alerts) {
        int n = alerts.size();
        Long[] ids = new Long[n];
        String[] status = new String[n];
        Integer[] attempts = new Integer[n];
        OffsetDateTime[] next = new OffsetDateTime[n];
        OffsetDateTime[] sent = new OffsetDateTime[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            MemberAlert a = alerts.get(i);
            ids[i] = a.id;
            status[i] = a.status;
            attempts[i] = a.attempts;
            next[i] = utc(a.nextAttemptAt);
            sent[i] = utc(a.sentAt);
            errors[i] = a.lastError;
        }
        return pool.preparedQuery(RECORD)
                .execute(Tuple.from(List.of(ids, status, attempts, next, sent, errors, MemberAlert.PENDING)))
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private Uni<Void> send(MemberAlert alert, Mail mail) {
        alert.attempts++;
        // Deferred: the mailer throws at once on an address it cannot parse, which would have failed the whole round
        // (and every later one, the row staying first in the queue) instead of this mail.
        return Uni.createFrom().deferred(() -> mailer.send(mail))
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
