package org.selectorate.notification.member;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.integrity.tracker.Tracker;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Receipts: "your vote was recorded with tracker X", sent to the address an access code went to, once the tracker
 * is on the ballot's record. Between the request and the send this service holds the link between that address
 * and the tracker (see the README's trade-off); it is erased when the mail is queued, and the mail's body when
 * the SMTP server accepts it.
 */
@ApplicationScoped
public class ReceiptService {
    static final String RECEIPT = "receipt";
    private static final Logger LOG = Logger.getLogger(ReceiptService.class);
    private static final int BATCH = 500;

    private final MailConfig config;

    public ReceiptService(MailConfig config) {
        this.config = config;
    }

    public record ReceiptRequest(String accessCode, String tracker) {
    }

    /** What the voter is told: the receipt waits for the record, and goes to the address the code went to. */
    public record ReceiptAccepted(String ballotId, String tracker, Instant requestedAt) {
    }

    public Uni<ReceiptAccepted> request(String ballotId, ReceiptRequest request) {
        List<String> errors = new ArrayList<>();
        String code = request == null ? null : ReceiptKeys.normalise(request.accessCode());
        if (code == null) {
            errors.add("accessCode: must be the 16-symbol access code you were sent");
        }
        Tracker tracker = null;
        try {
            tracker = request == null || request.tracker() == null ? null : Tracker.parse(request.tracker());
        } catch (IllegalArgumentException e) {
            tracker = null;
        }
        if (tracker == null) {
            errors.add("tracker: must be the tracker you were given when you cast (16 symbols)");
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("the receipt request is invalid", errors);
        }
        String value = tracker.value();
        String hash = ReceiptKeys.hash(ballotId, code);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> MemberAlert.<MemberAlert>find("codeHash = ?1 and ballotId = ?2 and kind = ?3",
                        hash, ballotId, MemberAlertListener.ACCESS_CODE).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("an access code of ballot " + ballotId
                        + " like the one given"))
                // The unique access_alert_id stops a second receipt even when two requests race.
                .chain(alert -> Panache.getSession().chain(s -> s.createNativeQuery(
                                "insert into receipt (access_alert_id, ballot_id, tracker, requested_at) "
                                        + "values (?1, ?2, ?3, ?4) on conflict (access_alert_id) do nothing")
                        .setParameter(1, alert.id).setParameter(2, ballotId).setParameter(3, value)
                        .setParameter(4, now).executeUpdate()))
                .invoke(inserted -> {
                    if (inserted == 0) {
                        throw ProblemException.conflict("receipt-requested",
                                "a receipt was already asked for with this access code");
                    }
                }))
                .replaceWith(new ReceiptAccepted(ballotId, value, now));
    }

    /** Queues the receipts whose tracker is now on the record: the mail is pending, the tracker erased here. */
    @Scheduled(every = "${selectorate.mail.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> queueRecorded() {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                "select r.id from receipt r join recorded_tracker t "
                                        + "on t.ballot_id = r.ballot_id and t.tracker = r.tracker "
                                        + "where r.tracker is not null order by r.id limit " + BATCH + " for update of r skip locked",
                                Long.class).getResultList())
                        .chain(ids -> ids.isEmpty() ? Uni.createFrom().voidItem()
                                : Receipt.<Receipt>list("id in ?1", ids).chain(receipts -> Multi.createFrom()
                                        .iterable(receipts).onItem().transformToUniAndConcatenate(this::queue)
                                        .collect().last().replaceWithVoid())))
                .onFailure().invoke(e -> LOG.warn("queueing receipts failed; will retry", e))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> queue(Receipt receipt) {
        return MemberAlert.<MemberAlert>findById(receipt.accessAlertId).chain(access -> {
            String link = config.publicUrl() + "/api/tally/public/ballots/" + receipt.ballotId + "/entries/"
                    + receipt.tracker;
            String body = """
                    Your vote in ballot %s was recorded with tracker %s.

                    Check it on the public record: %s
                    (the page shows your vote and a proof that it is in the record; it may take a few
                    seconds after this message before the record's next signed head covers it).

                    You asked for this receipt. Nobody else was sent it, and the platform erases the
                    tracker from its mail queue once this message has left.
                    """.formatted(receipt.ballotId, receipt.tracker, link);
            MemberAlert mail = MemberAlert.pending(RECEIPT, receipt.ballotId, access.recipient,
                    "Your vote was recorded", body);
            return mail.<MemberAlert>persist().invoke(m -> {
                receipt.tracker = null;
                receipt.queuedAt = Instant.now();
                receipt.alertId = m.id;
            }).replaceWithVoid();
        });
    }
}
