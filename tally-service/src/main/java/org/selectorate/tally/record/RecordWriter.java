package org.selectorate.tally.record;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.cast.CastSubmitted;
import org.selectorate.contracts.cast.CastsClosed;
import org.selectorate.contracts.record.EntriesRecorded;
import org.selectorate.integrity.blind.Credential;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.record.PublicRecord;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.record.RejectedEntryException;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.tally.count.CountService;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The single writer of the records of the ballots whose casts partitions this replica owns. Each record is
 * kept in memory and every change is written to the database in the same transaction as the event that caused
 * it; the in-memory records are dropped after any failure (or a partition move) and resumed from the tables.
 * The cast consumer and the tree-head timer take turns through one lock, so a head is only ever signed over
 * committed entries. Each batch announces the trackers it appended, per ballot, in {@link EntriesRecorded}
 * (outbox, same transaction), so receipts voters asked for can be sent.
 */
@ApplicationScoped
public class RecordWriter {
    private static final Logger LOG = Logger.getLogger(RecordWriter.class);

    private final Map<String, BallotRecord> records = new ConcurrentHashMap<>();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final RecordStore store;
    private final CountService counter;
    private final TallyConfig config;
    private final Outbox outbox;

    public RecordWriter(RecordStore store, CountService counter, TallyConfig config, Outbox outbox) {
        this.store = store;
        this.counter = counter;
        this.config = config;
        this.outbox = outbox;
    }

    /** A ballot's record in memory, and what has been signed of it. */
    static final class BallotRecord {
        final PublicRecord record;
        long signedSize;
        Instant lastHeadAt;
        boolean closed;

        BallotRecord(PublicRecord record, boolean closed) {
            this.record = record;
            List<SignedTreeHead> heads = record.treeHeads();
            SignedTreeHead last = heads.isEmpty() ? null : heads.get(heads.size() - 1);
            this.signedSize = last == null ? 0 : last.head().treeSize();
            this.lastHeadAt = last == null ? Instant.EPOCH : Instant.parse(last.head().timestamp());
            this.closed = closed;
        }
    }

    private static final class Busy extends RuntimeException {
        Busy() {
            super(null, null, false, false);
        }
    }

    /**
     * Runs {@code work} holding the writer lock, waiting while the timer signs. Any failure drops the in-memory
     * records, since they may hold changes the database rolled back.
     */
    public <T> Uni<T> exclusively(Supplier<Uni<T>> work) {
        Context context = Vertx.currentContext();
        Uni<Void> acquired = Uni.createFrom().deferred(() -> busy.compareAndSet(false, true)
                        ? Uni.createFrom().voidItem() : Uni.createFrom().<Void>failure(new Busy()))
                .onFailure(Busy.class).retry().withBackOff(Duration.ofMillis(2), Duration.ofMillis(50))
                .indefinitely();
        if (context != null) {
            // The retry's back-off runs on another thread; the transaction must start on the caller's context.
            acquired = acquired.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return acquired.chain(() -> work.get())
                .onFailure().invoke(e -> forget())
                .eventually(() -> busy.set(false));
    }

    /** Drops every in-memory record; the next event of each ballot resumes it from the tables. */
    public void forget() {
        records.clear();
    }

    /**
     * Applies events of the casts topic in their order (inside the caller's transaction, holding the lock): casts
     * are appended, a {@link CastsClosed} marker drains and counts its ballot. Heads that are due are signed in
     * the same batch, and the new entries and heads are written together at the end, a few statements per batch.
     */
    public Uni<Void> apply(List<Object> events) {
        Changes changes = new Changes();
        Set<String> ballots = new LinkedHashSet<>();
        events.forEach(event -> ballots.add(event instanceof CastSubmitted cast ? cast.ballotId()
                : ((CastsClosed) event).ballotId()));
        return Multi.createFrom().iterable(ballots).onItem().transformToUniAndConcatenate(this::record)
                .collect().last()
                .chain(() -> {
                    // Everything in memory now: appending needs no further round trip, only counting does.
                    List<BallotRecord> closed = new ArrayList<>();
                    for (Object event : events) {
                        if (event instanceof CastSubmitted cast) {
                            append(cast, changes);
                        } else {
                            BallotRecord r = close(((CastsClosed) event).ballotId(), changes);
                            if (r != null) {
                                closed.add(r);
                            }
                        }
                    }
                    changes.heads.addAll(signDue(Instant.now()));
                    return store.insert(changes.entries, changes.heads)
                            .chain(() -> Multi.createFrom().iterable(closed)
                                    .onItem().transformToUniAndConcatenate(this::count).collect().last());
                })
                .chain(() -> Multi.createFrom().iterable(changes.trackers.entrySet())
                        .onItem().transformToUniAndConcatenate(e -> outbox.record(Topics.RECORDS, e.getKey(),
                                EntriesRecorded.TYPE, new EntriesRecorded(e.getKey(), e.getValue())))
                        .collect().last())
                .replaceWithVoid();
    }

    /** What a batch adds to the tables, and the trackers it appended per ballot. */
    private static final class Changes {
        final List<RecordEntryRow> entries = new ArrayList<>();
        final List<TreeHeadRow> heads = new ArrayList<>();
        final Map<String, List<String>> trackers = new LinkedHashMap<>();
    }

    /** Appends one cast; a refused cast is logged by reason only, never with its token. */
    private void append(CastSubmitted cast, Changes changes) {
        BallotRecord r = records.get(cast.ballotId());
        if (r == null) {
            LOG.warnf("a cast for unknown ballot %s was dropped", cast.ballotId());
            return;
        }
        if (r.closed) {
            LOG.infof("ballot %s: a cast after the close was refused", cast.ballotId());
            return;
        }
        RecordEntry entry;
        try {
            entry = r.record.appendOnline(cast.vote() == null ? List.of() : cast.vote(),
                    Token.fromEncoded(cast.token()), new Credential(cast.prefix(), cast.signature()));
        } catch (RejectedEntryException e) {
            LOG.infof("ballot %s: a cast was refused (%s)", cast.ballotId(), e.reason());
            return;
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.infof("ballot %s: a malformed cast was refused", cast.ballotId());
            return;
        }
        changes.entries.add(RecordEntryRow.of(cast.ballotId(), entry));
        changes.trackers.computeIfAbsent(cast.ballotId(), id -> new ArrayList<>()).add(entry.tracker());
        if (r.record.size() - r.signedSize >= config.treeHeadEvery()) {
            changes.heads.add(sign(r));
        }
    }

    /** Drains the ballot: signs the final head and refuses every later cast; returns it to count, if it was open. */
    private BallotRecord close(String ballotId, Changes changes) {
        BallotRecord r = records.get(ballotId);
        if (r == null || r.closed) {
            return null;
        }
        r.closed = true;
        if (r.record.treeHeads().isEmpty() || r.signedSize != r.record.size()) {
            changes.heads.add(sign(r));
        }
        return r;
    }

    private Uni<Void> count(BallotRecord r) {
        String ballotId = r.record.header().ballot().id();
        return TallyBallot.<TallyBallot>findById(ballotId).chain(ballot -> counter.count(ballot, r.record));
    }

    /** Signs, over committed entries only, the heads of idle ballots that are due; one transaction for them all. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> signDueHeads() {
        if (!busy.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        List<TreeHeadRow> heads = signDue(Instant.now());
        Uni<Void> written = heads.isEmpty() ? Uni.createFrom().voidItem()
                : Panache.withTransaction(() -> store.insert(List.of(), heads));
        return written
                .onFailure().invoke(e -> {
                    LOG.warn("signing tree heads failed; records will be resumed from the database", e);
                    forget();
                })
                .onFailure().recoverWithNull()
                .eventually(() -> busy.set(false));
    }

    /** Heads for the open records whose unsigned entries waited at least the configured interval. */
    private List<TreeHeadRow> signDue(Instant now) {
        List<TreeHeadRow> heads = new ArrayList<>();
        for (BallotRecord r : records.values()) {
            if (!r.closed && r.record.size() > r.signedSize
                    && !Duration.between(r.lastHeadAt, now).minus(config.treeHeadInterval()).isNegative()) {
                heads.add(sign(r));
            }
        }
        return heads;
    }

    private static TreeHeadRow sign(BallotRecord r) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant at = now.isBefore(r.lastHeadAt) ? r.lastHeadAt : now;
        SignedTreeHead head = r.record.signTreeHead(at);
        r.signedSize = head.head().treeSize();
        r.lastHeadAt = at;
        return TreeHeadRow.of(head);
    }

    /** The ballot's record, resumed from the tables if this replica does not hold it; null if unknown. */
    private Uni<BallotRecord> record(String ballotId) {
        BallotRecord held = records.get(ballotId);
        if (held != null) {
            return Uni.createFrom().item(held);
        }
        return TallyBallot.<TallyBallot>findById(ballotId).chain(ballot -> {
            if (ballot == null) {
                return Uni.createFrom().nullItem();
            }
            return store.document(ballot, null).map(doc -> {
                BallotRecord r = new BallotRecord(PublicRecord.resume(doc, ballot.signer()),
                        TallyBallot.COUNTED.equals(ballot.status));
                records.put(ballotId, r);
                LOG.infof("ballot %s: record resumed at %d entries", ballotId, r.record.size());
                return r;
            });
        });
    }
}
