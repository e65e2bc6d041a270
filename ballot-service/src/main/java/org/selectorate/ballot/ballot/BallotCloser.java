package org.selectorate.ballot.ballot;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.selectorate.support.lane.OwnSession;
import org.selectorate.support.outbox.OutboxRelay;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * The timetable's own close: every second, each open ballot whose {@code closesAt} has passed by the
 * timetable clock is closed through {@link BallotService#closeAtClosingTime}, the same path as an admin's close but
 * for its sweep, which runs {@code selectorate.ballots.sweep-after} later ({@link BallotService#sweepIfDue}, claimed
 * with {@code for update skip locked}): a round's 650 sweeps, each deleting its codes and rewriting its register,
 * would otherwise take the database from the round's counts. Every replica runs this; the close re-reads the ballot
 * under the exclusive issuance lock, so whoever comes second (another replica, or an admin) finds it closed and
 * nothing is sent twice. On the same tick each replica drops the signing keys it holds in memory for ballots closed
 * anywhere ({@link BallotKeys#forgetClosed}). Each close nudges the outbox relay: tally-service waits for its event.
 */
@ApplicationScoped
public class BallotCloser {
    private static final Logger LOG = Logger.getLogger(BallotCloser.class);
    /** Closes (and sweeps) at once: each waits on the database (locks, the marked register's rewrite), not the CPU. */
    private static final int LANES = 4;
    private static final String DUE = "select id from ballot where status = 'OPEN' and closes_at <= $1 order by closes_at";
    private static final String SWEEP_DUE = "select id from ballot where sweep_due and closed_at <= $1";

    private final Pool pool;
    private final BallotService ballots;
    private final BallotKeys keys;
    private final Clock clock;
    private final Duration sweepAfter;
    private final OutboxRelay relay;

    public BallotCloser(Pool pool, BallotService ballots, BallotKeys keys, Clock clock, OutboxRelay relay,
                        @ConfigProperty(name = "selectorate.ballots.sweep-after") Duration sweepAfter) {
        this.pool = pool;
        this.ballots = ballots;
        this.keys = keys;
        this.clock = clock;
        this.sweepAfter = sweepAfter;
        this.relay = relay;
    }

    @Scheduled(every = "${selectorate.ballots.close-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> closeDue() {
        Context job = Vertx.currentContext();
        return pool.preparedQuery(DUE).execute(Tuple.of(clock.instant().atOffset(ZoneOffset.UTC)))
                .map(BallotCloser::ids)
                // each in its own transaction, so one ballot's failure does not hold up the others; a few at once,
                // so a round's ballots sharing one closing time are closed together, not one after another
                .chain(due -> OwnSession.each(job, due, LANES, this::close))
                .onFailure().invoke(e -> LOG.warn("looking for ballots past their closing time failed; will retry", e))
                .onFailure().recoverWithNull()
                .chain(() -> sweepDue(job))
                .chain(() -> keys.forgetClosed(pool))
                .onFailure().invoke(e -> LOG.warn("dropping closed ballots' keys from memory failed; will retry", e))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> sweepDue(Context job) {
        return pool.preparedQuery(SWEEP_DUE)
                .execute(Tuple.of(clock.instant().minus(sweepAfter).atOffset(ZoneOffset.UTC)))
                .map(BallotCloser::ids)
                .chain(due -> OwnSession.each(job, due, LANES, id -> ballots.sweepIfDue(id)
                        .onFailure().invoke(e -> LOG.warnf(e, "closed ballot %s could not be swept; will retry", id))
                        .onFailure().recoverWithNull()))
                .onFailure().invoke(e -> LOG.warn("looking for closed ballots to sweep failed; will retry", e))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> close(UUID id) {
        return ballots.closeAtClosingTime(id)
                .invoke(closed -> {
                    if (closed) {
                        LOG.infof("ballot %s closed by the timetable", id);
                        relay.nudge();
                    }
                })
                .onFailure().invoke(e -> LOG.warnf(e, "ballot %s could not be closed by the timetable; will retry", id))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static List<UUID> ids(RowSet<Row> rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(row -> row.getUUID("id")).toList();
    }
}
