package org.selectorate.verifier.check;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.record.RecordKeys;
import org.selectorate.integrity.record.TreeHeadKey;
import org.selectorate.verifier.recount.RecordCount;

/**
 * A record and what is derived from it for every check: the parsed public keys, and, once its entries have streamed
 * past ({@link #scan}), how many there were per channel and their votes tallied for the recount. The entries
 * themselves are not kept: {@link EntryCheck}s see each one as it goes by, a batch at a time, with its leaf hash
 * recomputed from its content (never the published one).
 */
public final class RecordFacts {
    /** Entries per batch: the per-entry work of one batch runs on all cores while the next batch is read. */
    private static final int BATCH = 2048;

    private final RecordDocument document;
    private final BlindVerificationKey credentialKey;
    private final TreeHeadKey treeHeadKey;
    private final String keyProblem;
    private final Map<Channel, Long> entriesPerChannel = new EnumMap<>(Channel.class);
    private final RecordCount.Tally tally;
    private long entryCount;

    /** Where a record's entries come from: handed over in order, once; returns how many. */
    @FunctionalInterface
    public interface Entries {
        long forEach(Consumer<RecordEntry> each) throws IOException;
    }

    private RecordFacts(RecordDocument document) {
        this.document = document;
        this.tally = new RecordCount.Tally(document.header());
        RecordKeys keys = document.header().keys();
        BlindVerificationKey ck = null;
        TreeHeadKey tk = null;
        String problem = null;
        try {
            ck = BlindVerificationKey.fromEncoded(BlindRsaVariant.fromId(keys.credentialVariant()),
                    keys.credentialKey());
        } catch (IllegalArgumentException e) {
            problem = "credential key: " + e.getMessage();
        }
        try {
            tk = TreeHeadKey.fromEncoded(keys.treeHeadKey());
        } catch (IllegalArgumentException e) {
            problem = (problem == null ? "" : problem + "; ") + "tree-head key: " + e.getMessage();
        }
        this.credentialKey = ck;
        this.treeHeadKey = tk;
        this.keyProblem = problem;
    }

    /**
     * The facts of {@code document} apart from its entries, which {@link #scan} reads (its entry list may be
     * empty, when they are streamed from a file).
     */
    public static RecordFacts of(RecordDocument document) {
        return new RecordFacts(document);
    }

    /**
     * Streams the entries past every check once, in batches: each batch's per-entry work on one of the pool's
     * threads (one per core) while this thread reads on, then, batch by batch in record order, the in-order work.
     */
    public void scan(Entries entries, List<EntryCheck> checks) throws IOException {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "verify-entries");
            t.setDaemon(true);
            return t;
        });
        // Enough batches queued to keep every core busy while this thread reads, few enough to bound memory.
        int limit = 2 * threads + 1;
        Deque<Future<ScannedEntry[]>> inFlight = new ArrayDeque<>();
        try {
            List<RecordEntry> batch = new ArrayList<>(BATCH);
            long[] read = {0};
            long total = entries.forEach(e -> {
                batch.add(e);
                if (batch.size() == BATCH) {
                    inFlight.add(submit(pool, read[0], List.copyOf(batch), checks));
                    read[0] += BATCH;
                    batch.clear();
                    while (inFlight.size() >= limit || (!inFlight.isEmpty() && inFlight.peek().isDone())) {
                        finish(inFlight.poll(), checks);
                    }
                }
            });
            inFlight.add(submit(pool, read[0], List.copyOf(batch), checks));
            while (!inFlight.isEmpty()) {
                finish(inFlight.poll(), checks);
            }
            if (total != entryCount) {
                throw new IllegalStateException(total + " entries read but " + entryCount + " scanned");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The per-entry work of one batch, its first entry at position {@code start}. */
    private Future<ScannedEntry[]> submit(ExecutorService pool, long start, List<RecordEntry> batch,
            List<EntryCheck> checks) {
        return pool.submit(() -> {
            ScannedEntry[] scanned = new ScannedEntry[batch.size()];
            for (int i = 0; i < scanned.length; i++) {
                RecordEntry e = batch.get(i);
                scanned[i] = new ScannedEntry(start + i, e, e.computeLeafHash());
                for (EntryCheck c : checks) {
                    c.inspect(this, scanned[i]);
                }
            }
            return scanned;
        });
    }

    /** Waits for a batch's per-entry work, then does its in-order work. */
    private void finish(Future<ScannedEntry[]> batch, List<EntryCheck> checks) {
        ScannedEntry[] scanned;
        try {
            scanned = batch.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        }
        for (ScannedEntry s : scanned) {
            entryCount++;
            entriesPerChannel.merge(s.entry().channel(), 1L, Long::sum);
            tally.add(s.entry());
            for (EntryCheck c : checks) {
                c.inOrder(this, s);
            }
        }
    }

    /** The record; its entry list is empty when the entries were streamed. */
    public RecordDocument document() {
        return document;
    }

    /** Entries scanned. */
    public long entryCount() {
        return entryCount;
    }

    /** Entries scanned, per channel (channels with none are absent). */
    public Map<Channel, Long> entriesPerChannel() {
        return Collections.unmodifiableMap(entriesPerChannel);
    }

    /** The scanned entries' votes, for the recount and the BLT export. */
    public RecordCount.Tally tally() {
        return tally;
    }

    /** Null if the published key is unusable; see {@link #keyProblem()}. */
    public BlindVerificationKey credentialKey() {
        return credentialKey;
    }

    /** Null if the published key is unusable; see {@link #keyProblem()}. */
    public TreeHeadKey treeHeadKey() {
        return treeHeadKey;
    }

    public String keyProblem() {
        return keyProblem;
    }

    /** How an entry is named in a report: its position and tracker. */
    public static String label(RecordEntry e) {
        return "entry " + e.seq() + " (" + e.tracker() + ")";
    }
}
