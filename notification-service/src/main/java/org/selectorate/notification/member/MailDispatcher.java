package org.selectorate.notification.member;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.notification.mailing.MailingRenderer;
import org.selectorate.notification.notice.MeetingInvite;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

/**
 * Sends pending member mail and records the outcome: sent (accepted by the SMTP server), or retried with exponential
 * backoff, or failed after the last attempt (nobody resends it). A sent or failed mail keeps no body, no sealed code
 * and no time but the day it was sent; "a ballot was issued in your name" keeps no row at all, since its rows, times
 * and even their order follow the order credentials were issued in. Candidate mailings are rendered per recipient
 * and access codes opened into their mail as they are sent. A round reads its batch, sends it holding no database
 * connection, then writes every outcome in one statement.
 * <p>
 * Replicas share the queue. Since a round holds no transaction while it sends, it first claims its batch with a
 * lease ({@link #CLAIM}): one statement picks the first due rows no other round is claiming ({@code for update skip
 * locked}) and moves their next attempt to the lease's end, so no other replica finds them due meanwhile. The
 * outcome then replaces that time. A replica that dies with a claim leaves its mails pending; once the lease has
 * passed, another takes them up. SMTP is not transactional, so a mail the server took just before the replica died
 * (and before the outcome was written) is sent again: at least once, never lost.
 */
@ApplicationScoped
public class MailDispatcher {
    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    /**
     * Native SQL: a round's outcomes in one statement rather than an update per mail. Only the columns a dispatch
     * decides are written; the body, the sealed code and the times are kept while the mail is still pending.
     */
    private static final String RECORD = """
            with forgotten as (delete from member_alert where id = any($8::bigint[]))
            update member_alert a
            set status = o.status, attempts = o.attempts, last_error = o.last_error,
                next_attempt_at = case when o.status = $6 then o.next_attempt_at end,
                created_at = case when o.status = $6 then a.created_at end,
                body = case when o.status = $6 then a.body end,
                sealed_code = case when o.status = $6 then a.sealed_code end,
                sent_on = case when o.status = $7 then $9::date end
            from unnest($1::bigint[], $2::text[], $3::int[], $4::timestamptz[], $5::text[])
                 as o(id, status, attempts, next_attempt_at, last_error)
            where a.id = o.id
            """;

    /**
     * Native SQL: claims a round's due mails for {@code claimLease}, in id order (the partial index
     * member_alert_pending, V7), skipping rows another replica's claim holds locked at this moment.
     */
    private static final String CLAIM = """
            with due as (select id from member_alert where status = $1 and next_attempt_at <= $2
                         order by id limit $3 for update skip locked)
            update member_alert a set next_attempt_at = $4 from due where a.id = due.id
            returning a.id
            """;

    private final ReactiveMailer mailer;
    private final MailConfig config;
    private final MailingRenderer mailings;
    private final AccessCodeKey codes;
    private final MeetingInvite invites;
    private final Pool pool;
    private final MeterRegistry metrics;
    private final List<Context> lanes;

    public MailDispatcher(ReactiveMailer mailer, MailConfig config, MailingRenderer mailings, AccessCodeKey codes,
                          MeetingInvite invites, Pool pool, MeterRegistry metrics, Vertx vertx) {
        // An event-loop context per lane, each on the next of Vert.x's event loops: the public getOrCreateContext
        // gives a thread one context, so every lane would share one event loop.
        this.lanes = IntStream.range(0, config.lanes())
                .mapToObj(i -> (Context) ((VertxInternal) vertx).createEventLoopContext()).toList();
        this.mailer = mailer;
        this.config = config;
        this.mailings = mailings;
        this.codes = codes;
        this.invites = invites;
        this.pool = pool;
        this.metrics = metrics;
    }

    @Scheduled(every = "${selectorate.mail.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> dispatch() {
        return Uni.join().all(lanes.stream().map(this::drain).toList()).andCollectFailures()
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warn("mail dispatch failed; will retry", e))
                .onFailure().recoverWithNull();
    }

    /**
     * One lane's rounds until a round comes back short. Each round starts on the lane's own duplicated context, so
     * lanes never share a Hibernate session, and on the lane's event loop, so lanes' rounds (loading, rendering,
     * opening codes, the mail client's encoding) run on as many threads.
     */
    private Uni<Void> drain(Context lane) {
        Context own = VertxContext.createNewDuplicatedContext(lane);
        // Hibernate Reactive's withSession keeps its session on the context: this one is the lane's alone.
        VertxContextSafetyToggle.setContextSafe(own, true);
        return Multi.createBy().repeating()
                .uni(() -> Uni.createFrom().deferred(this::dispatchBatch)
                        .runSubscriptionOn(command -> own.runOnContext(ignored -> command.run())))
                .whilst(n -> n == config.batch())
                .collect().last()
                .replaceWithVoid();
    }

    private record Batch(List<MemberAlert> alerts, Map<Long, Mail> rendered) {
    }

    private Uni<Integer> dispatchBatch() {
        return claim().chain(ids -> ids.isEmpty() ? Uni.createFrom().item(0)
                : Panache.withSession(() -> MemberAlert.<MemberAlert>list("id in ?1 order by id", ids)
                                .chain(alerts -> mailings.render(alerts).map(rendered -> new Batch(alerts, rendered))))
                        .call(this::sendAll)
                        // the claimed count, so a full batch asks for another round even if a row went meanwhile
                        .replaceWith(ids.size()));
    }

    /** Claims up to a batch of due mails for this round; the ids claimed. */
    Uni<List<Long>> claim() {
        Instant now = Instant.now();
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(MemberAlert.PENDING, now.atOffset(ZoneOffset.UTC), config.batch(),
                        now.plus(config.claimLease()).atOffset(ZoneOffset.UTC)))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> row.getLong(0)).toList());
    }

    private Uni<Void> sendAll(Batch batch) {
        List<MemberAlert> alerts = batch.alerts();
        if (alerts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(alerts.stream().map(a -> send(a, batch.rendered())).toList()).andCollectFailures()
                .chain(() -> record(alerts));
    }

    /**
     * The alert's mail: a candidate mailing as rendered for its recipient, an access code opened into its slot, or
     * the body as written; a meeting notice with the meeting's invitation, as the committee's notices have it.
     */
    private Mail mail(MemberAlert alert, Map<Long, Mail> rendered) {
        Mail mailing = rendered.get(alert.id);
        if (mailing != null) {
            return mailing;
        }
        String body = MemberAlertListener.ACCESS_CODE.equals(alert.kind)
                ? AccessCodeMail.withCode(alert.body, codes.open(alert.sealedCode, alert.ballotId, alert.recipient))
                : alert.body;
        Mail mail = Mail.withText(alert.recipient, MailSubject.of(alert.subject), body);
        return alert.meeting == null ? mail : invites.attach(mail, alert.meeting,
                TimetableEvent.MEETING_CANCELLED.equals(alert.kind), alert.recipient, alert.subject);
    }

    /**
     * Writes the outcomes decided by {@link #send} (the alerts are detached: nothing else writes them). A settled
     * "a ballot was issued in your name" is deleted; the other settled rows lose their body, sealed code and times.
     */
    private Uni<Void> record(List<MemberAlert> alerts) {
        List<MemberAlert> kept = new ArrayList<>(alerts.size());
        List<Long> forgotten = new ArrayList<>();
        for (MemberAlert a : alerts) {
            boolean settled = !MemberAlert.PENDING.equals(a.status);
            if (settled) {
                metrics.counter("selectorate.mail.members", "kind", a.kind, "outcome", a.status).increment();
            }
            if (settled && MemberAlertListener.CREDENTIAL_ISSUED.equals(a.kind)) {
                forgotten.add(a.id);
            } else {
                kept.add(a);
            }
        }
        int n = kept.size();
        Long[] ids = new Long[n];
        String[] status = new String[n];
        Integer[] attempts = new Integer[n];
        OffsetDateTime[] next = new OffsetDateTime[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            MemberAlert a = kept.get(i);
            ids[i] = a.id;
            status[i] = a.status;
            attempts[i] = a.attempts;
            next[i] = a.nextAttemptAt.atOffset(ZoneOffset.UTC);
            errors[i] = a.lastError;
        }
        return pool.preparedQuery(RECORD)
                .execute(Tuple.from(List.of(ids, status, attempts, next, errors, MemberAlert.PENDING, MemberAlert.SENT,
                        forgotten.toArray(Long[]::new), LocalDate.now(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    private Uni<Void> send(MemberAlert alert, Map<Long, Mail> rendered) {
        alert.attempts++;
        // Deferred: the mailer throws at once on an address it cannot parse, and a sealed code may not open, which
        // would have failed the whole round (and every later one, the row staying first in the queue) instead of
        // this mail.
        return Uni.createFrom().deferred(() -> mailer.send(mail(alert, rendered)))
                .invoke(() -> {
                    alert.status = MemberAlert.SENT;
                    alert.lastError = null;
                })
                .onFailure().recoverWithItem(e -> {
                    alert.lastError = e.getMessage();
                    if (alert.attempts >= config.maxAttempts()) {
                        alert.status = MemberAlert.FAILED;
                        // Neither the row's id nor the error (which may name the address) goes next to a log time.
                        LOG.warnf("a member mail (%s) failed after %d attempts", alert.kind, alert.attempts);
                    } else {
                        alert.nextAttemptAt = Instant.now().plus(config.firstRetry().multipliedBy(1L << (alert.attempts - 1)));
                    }
                    return null;
                });
    }
}
