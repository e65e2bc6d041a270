package org.selectorate.tally.record;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.contracts.cast.CastSubmitted;
import org.selectorate.contracts.cast.CastsClosed;
import org.selectorate.integrity.record.RejectedEntryException;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.support.keys.KeyVault;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.tally.cast.CastSeal;
import org.selectorate.tally.paper.CountRequested;
import org.selectorate.tally.paper.PaperBatchAgreed;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The single writer of the records of the ballots whose casts partitions this replica owns. Arriving casts are
 * held in {@code pending_cast}, sealed ({@link CastSeal}); a ballot's held casts are appended to its record in one shuffled batch, with one
 * signed head, once {@link TallyConfig.Mix#minBatch} are held, once the oldest has been held
 * {@link TallyConfig.Mix#maxWait} (two at least), and all of them at the close. So the record's order is the mix
 * order: it keeps which batch a cast was in, never the order within it, and head times are whole minutes.
 * <p>
 * Each record is kept in memory as appending needs it (its hashes, tokens and trackers, not its entries) and every
 * change is written in the same transaction as the event that caused it; the in-memory records are dropped after
 * any failure (or a partition move) and resumed from the tables a page at a time. Once a record is final the writer
 * marks its count due and drops it from memory: the count runs apart ({@code tally.count.CountDue}), several at once,
 * so a round's common close is not counted one ballot after another in this loop. The cast consumer and the mixing
 * timer take turns through one lock.
 */
@ApplicationScoped
public class RecordWriter {
    private static final Logger LOG = Logger.getLogger(RecordWriter.class);

    private final Map<String, BallotRecord> records = new ConcurrentHashMap<>();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final SecureRandom random = new SecureRandom();
    private final RecordStore store;
    private final TallyConfig.Mix mix;
    private final KeyVault vault;
    private final CastSeal seal;
    private final PaperAppends papers;

    public RecordWriter(RecordStore store, TallyConfig config, KeyVault vault, CastSeal seal, PaperAppends papers) {
        this.store = store;
        this.papers = papers;
        this.mix = config.mix();
        this.vault = vault;
        this.seal = seal;
        if (mix.minBatch() < 2) {
            throw new IllegalStateException("selectorate.tally.mix.min-batch must be at least 2: a batch of one "
                    + "would append each cast as it came");
        }
    }

    private static final class Busy extends RuntimeException {
        Busy() {
            super(null, null, false, false);
        }
    }

    /**
     * Runs {@code work} holding the writer lock, waiting while the timer mixes. Any failure drops the in-memory
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
     * are held, a {@link CastsClosed} marker mixes in everything held before it, signs the final head and marks the
     * count due.
     * Then every ballot whose held casts are due is mixed. A few statements per batch, whatever its size.
     */
    public Uni<Void> apply(List<Object> events) {
        Set<String> ballots = new LinkedHashSet<>();
        events.forEach(event -> ballots.add(ballotOf(event)));
        Refusals refused = new Refusals();
        // The batch keeps its own references: a rebalance may forget() the shared map while the batch runs.
        Map<String, BallotRecord> batch = new HashMap<>();
        return Multi.createFrom().iterable(ballots).onItem().transformToUniAndConcatenate(this::record)
                .invoke(r -> batch.put(r.ballotId, r))
                .collect().last()
                .chain(() -> {
                    // Everything in memory now: sorting the batch needs no round trip.
                    Map<String, PendingCast> arriving = new LinkedHashMap<>();
                    List<BallotRecord> closing = new ArrayList<>();
                    List<PaperBatchAgreed> agreedPapers = new ArrayList<>();
                    List<BallotRecord> requested = new ArrayList<>();
                    for (Object event : events) {
                        if (event instanceof CastSubmitted cast) {
                            receive(cast, batch.get(cast.ballotId()), arriving, refused);
                        } else if (event instanceof PaperBatchAgreed agreed) {
                            agreedPapers.add(agreed);
                        } else if (event instanceof CountRequested count) {
                            BallotRecord r = batch.get(count.ballotId());
                            if (r != null) {
                                requested.add(r);
                            }
                        } else {
                            BallotRecord r = batch.get(((CastsClosed) event).ballotId());
                            if (r != null && !r.closed) {
                                r.closed = true; // later casts are refused; the ones before are held already
                                closing.add(r);
                            }
                        }
                    }
                    return store.hold(arriving.values().stream()
                                    .map(cast -> sealed(cast, batch.get(cast.ballotId()))).toList())
                            .invoke(held -> {
                                // A cast not held now was held (or recorded) before: a redelivery or a reused token.
                                Map<String, Integer> fresh = tally(held);
                                tally(arriving.values().stream().map(PendingCast::ballotId).toList())
                                        .forEach((id, n) -> {
                                            int kept = fresh.getOrDefault(id, 0);
                                            batch.get(id).held(kept);
                                            refused.add(id, "already cast", n - kept);
                                        });
                            })
                            .chain(() -> {
                                List<BallotRecord> mixing = new ArrayList<>(closing);
                                mixing.addAll(due(Instant.now()));
                                return mix(mixing, refused);
                            })
                            .chain(() -> papers.append(agreedPapers, batch))
                            .chain(() -> Multi.createFrom().iterable(closing)
                                    .onItem().transformToUniAndConcatenate(this::drained).collect().last())
                            .chain(() -> Multi.createFrom().iterable(requested)
                                    .onItem().transformToUniAndConcatenate(this::countRequested).collect().last());
                })
                .invoke(refused::log)
                .replaceWithVoid();
    }

    /** Adds a cast to the batch's arrivals, or counts why it is refused; never logs its token. */
    private void receive(CastSubmitted cast, BallotRecord r, Map<String, PendingCast> arriving, Refusals refused) {
        if (r == null) {
            LOG.warnf("a cast for unknown ballot %s was dropped", cast.ballotId());
            return;
        }
        if (r.closed) {
            refused.add(cast.ballotId(), "after the close");
            return;
        }
        PendingCast pending;
        try {
            pending = PendingCast.of(cast);
        } catch (IllegalArgumentException | NullPointerException e) {
            refused.add(cast.ballotId(), "malformed");
            return;
        }
        String reason = r.refusal(pending);
        if (reason != null) {
            refused.add(cast.ballotId(), reason);
        } else if (arriving.putIfAbsent(cast.ballotId() + " " + pending.token(), pending) != null) {
            refused.add(cast.ballotId(), "already cast");
        }
    }

    /** The cast as {@code pending_cast} keeps it: sealed, found again by its token's keyed hash. */
    private HeldCast sealed(PendingCast cast, BallotRecord r) {
        return new HeldCast(cast.ballotId(), cast.token(), seal.tokenMac(cast.ballotId(), cast.token()),
                seal.forHold(cast.submitted(), r.ballot.candidates()));
    }

    private static Map<String, Integer> tally(List<String> ballotIds) {
        Map<String, Integer> out = new HashMap<>();
        ballotIds.forEach(id -> out.merge(id, 1, Integer::sum));
        return out;
    }

    /** Open ballots whose held casts are due for a mix. */
    private List<BallotRecord> due(Instant now) {
        return records.values().stream().filter(r -> r.due(mix.minBatch(), mix.maxWait(), now)).toList();
    }

    /**
     * Takes every cast held for these ballots out of {@code pending_cast} and appends each ballot's casts in a
     * fresh uniformly random order (Fisher-Yates with a SecureRandom), then signs one head per ballot that grew (and
     * the final head of a closing ballot); the entries and heads are written in the same transaction as the delete.
     */
    private Uni<Void> mix(List<BallotRecord> mixing, Refusals refused) {
        if (mixing.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return store.take(mixing.stream().map(r -> r.ballotId).toList()).chain(taken -> {
            List<RecordEntryRow> entries = new ArrayList<>();
            List<TreeHeadRow> heads = new ArrayList<>();
            for (BallotRecord r : mixing) {
                List<PendingCast> batch = new ArrayList<>();
                taken.getOrDefault(r.ballotId, List.of())
                        .forEach(sealed -> batch.add(PendingCast.of(seal.fromHold(r.ballotId, sealed))));
                Collections.shuffle(batch, random);
                for (PendingCast cast : batch) {
                    try {
                        entries.add(RecordEntryRow.of(r.ballotId, r.record.appendOnline(cast.vote(),
                                cast.parsedToken(), cast.credential())));
                    } catch (RejectedEntryException e) {
                        refused.add(r.ballotId, e.reason().toString());
                    }
                }
                r.held = 0;
                r.heldSince = null;
                if (r.record.size() > r.signedSize || r.closed && r.record.treeHeads().isEmpty()) {
                    heads.add(sign(r));
                }
            }
            return store.insert(entries, heads);
        });
    }

    private static String ballotOf(Object event) {
        if (event instanceof CastSubmitted cast) {
            return cast.ballotId();
        }
        if (event instanceof PaperBatchAgreed agreed) {
            return agreed.ballotId();
        }
        if (event instanceof CountRequested count) {
            return count.ballotId();
        }
        return ((CastsClosed) event).ballotId();
    }

    /**
     * Every cast before the close is on the record: a ballot without paper channels is final now; one with them
     * waits for its tellers' batches and an officer's {@link CountRequested}.
     */
    private Uni<Void> drained(BallotRecord r) {
        return TallyBallot.<TallyBallot>findById(r.ballotId).chain(ballot -> {
            if (ballot.hasPaperChannels()) {
                LOG.infof("ballot %s: online casts drained; the count waits for the paper batches", ballot.id);
                // a record resumed from now on refuses casts, as this one does
                return store.drained(r.ballotId, false);
            }
            return countDue(r);
        });
    }

    private Uni<Void> countRequested(BallotRecord r) {
        if (r.record == null) {
            return Uni.createFrom().voidItem(); // final before: a count asked for twice
        }
        if (!r.closed) {
            LOG.errorf("ballot %s: a count was asked for before its casts were drained; not counted", r.ballotId);
            return Uni.createFrom().voidItem();
        }
        return countDue(r);
    }

    /**
     * The record is final: its last head is signed (in this transaction or before), so the count may be claimed once
     * this commits. Nothing may be signed for it again, so its key goes, and nothing more is appended, so its hashes,
     * tokens and trackers leave memory.
     */
    private Uni<Void> countDue(BallotRecord r) {
        return store.drained(r.ballotId, true)
                .invoke(() -> records.put(r.ballotId, BallotRecord.finished(r.ballotId)));
    }

    /** Mixes the held casts of quiet ballots whose oldest has waited long enough; one transaction for them all. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> mixWaiting() {
        if (!busy.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        List<BallotRecord> due = due(Instant.now());
        Refusals refused = new Refusals();
        Uni<Void> mixed = due.isEmpty() ? Uni.createFrom().voidItem()
                : Panache.withTransaction(() -> mix(due, refused)).invoke(refused::log);
        return mixed
                .onFailure().invoke(e -> {
                    LOG.warn("mixing held casts failed; records will be resumed from the database", e);
                    forget();
                })
                .onFailure().recoverWithNull()
                .eventually(() -> busy.set(false));
    }

    /**
     * Signs the record as it stands, dated to the minute: a head's time says when a batch was mixed, no finer, and
     * never goes back (the previous head may already carry this minute).
     */
    static TreeHeadRow sign(BallotRecord r) {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant at = minute.isBefore(r.lastHeadAt) ? r.lastHeadAt : minute;
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
            if (ballot.countDue || TallyBallot.COUNTED.equals(ballot.status)) {
                BallotRecord r = BallotRecord.finished(ballotId);
                records.put(ballotId, r);
                return Uni.createFrom().item(r);
            }
            return store.resume(ballot, ballot.signer(vault)).chain(resumed -> store.held(ballotId).map(n -> {
                // Drained and not counted: a ballot whose count waits for its paper batches.
                BallotRecord r = new BallotRecord(ballotId, resumed, ballot.verificationKey(), n,
                        ballot.castsDrained);
                records.put(ballotId, r);
                LOG.infof("ballot %s: record resumed at %d entries, %d casts held", ballotId, r.record.size(), n);
                return r;
            }));
        });
    }
}
