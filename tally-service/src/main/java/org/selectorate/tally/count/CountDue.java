package org.selectorate.tally.count;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.support.lane.OwnSession;
import org.selectorate.support.outbox.OutboxRelay;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.tally.record.RecordStore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.StreamSupport;

/**
 * Counts the ballots whose records the writer has made final ({@link TallyBallot#countDue}). A round's ballots share
 * one closing time, so their counts come due together: each is counted in its own transaction, a few at once (they
 * wait on the database more than they compute), and each is claimed with {@code for update skip locked}, so every
 * replica may run this and a ballot is counted once. A count that fails is retried after a back-off that doubles, to
 * {@link #MOST_BACK_OFF}, so a ballot that cannot be counted is reported without flooding the log. The writer
 * {@link #soon nudges} the job when a count comes due, so the count need not wait for the next tick.
 */
@ApplicationScoped
public class CountDue {
    /** The job's identity, to pause it (a test that claims counts itself). */
    public static final String JOB = "tally-count-due";
    private static final Logger LOG = Logger.getLogger(CountDue.class);
    /** Counts at once: each mostly waits on the database (the votes' pages, the result, its event), not the CPU. */
    private static final int LANES = 4;
    private static final String DUE = "select id from tally_ballot where count_due and status <> 'counted' "
            + "order by closed_at";
    private static final Duration MOST_BACK_OFF = Duration.ofMinutes(5);
    private static final String CLAIM = "select id from tally_ballot where id = ?1 and count_due "
            + "and status <> 'counted' for update skip locked";

    private final Pool pool;
    private final RecordStore store;
    private final CountService counter;
    private final Scheduler scheduler;
    private final Vertx vertx;
    private final OutboxRelay relay;
    /** Ballots whose count failed on this replica: when each may be tried again, and how many times it failed. */
    private final Map<String, Retry> failed = new ConcurrentHashMap<>();

    private record Retry(Instant notBefore, int failures) {
    }

    public CountDue(Pool pool, RecordStore store, CountService counter, Scheduler scheduler, Vertx vertx,
                    OutboxRelay relay) {
        this.pool = pool;
        this.store = store;
        this.counter = counter;
        this.scheduler = scheduler;
        this.vertx = vertx;
        this.relay = relay;
    }

    /**
     * Runs the job now rather than at its next tick, unless it is paused; call once the transaction that made a
     * count due has committed. Racing a tick is safe: each ballot is claimed.
     */
    public void soon() {
        if (!scheduler.isPaused(JOB)) {
            OwnSession.on(vertx.getOrCreateContext(), this::countDue).subscribe().with(ignored -> { });
        }
    }

    /** Counts every ballot due that nobody else is counting; on a Vert.x context. */
    @Scheduled(identity = JOB, every = "${selectorate.tally.count-every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> countDue() {
        Context job = Vertx.currentContext();
        return pool.query(DUE).execute()
                .map(rows -> {
                    List<String> due = StreamSupport.stream(rows.spliterator(), false).map(CountDue::id).toList();
                    failed.keySet().retainAll(due); // counted elsewhere meanwhile: its failures here are moot
                    Instant now = Instant.now();
                    return due.stream().filter(id -> {
                        Retry retry = failed.get(id);
                        return retry == null || !now.isBefore(retry.notBefore());
                    }).toList();
                })
                .chain(due -> OwnSession.each(job, due, LANES, this::count))
                .onFailure().invoke(e -> LOG.warn("looking for counts due failed; will retry", e))
                .onFailure().recoverWithNull();
    }

    /** Counts the ballot unless another lane or replica holds it, or has counted it; rolled back whole on failure. */
    private Uni<Void> count(String id) {
        return Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(CLAIM, String.class).setParameter(1, id)
                                .getResultList())
                        .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem()
                                : TallyBallot.<TallyBallot>findById(id).chain(ballot -> store.lastHead(id)
                                        .chain(head -> store.tally(ballot)
                                                .chain(votes -> counter.count(ballot, head, votes))))))
                .invoke(() -> {
                    failed.remove(id);
                    relay.nudge(); // the result's event: ballot-service declares, webhooks tell
                })
                .onFailure().invoke(e -> {
                    Retry before = failed.get(id);
                    int failures = before == null ? 1 : before.failures() + 1;
                    Duration wait = Duration.ofSeconds(1L << Math.min(failures, 9));
                    wait = wait.compareTo(MOST_BACK_OFF) > 0 ? MOST_BACK_OFF : wait;
                    failed.put(id, new Retry(Instant.now().plus(wait), failures));
                    LOG.warnf(e, "ballot %s could not be counted (failure %d); will retry in %s", id, failures, wait);
                })
                .onFailure().recoverWithNull();
    }

    private static String id(Row row) {
        return row.getString("id");
    }
}
