package org.selectorate.verifier.check;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.IntStream;
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
    /** The batch whose per-entry work is running while the next is read. */
    private CompletableFuture<ScannedEntry[]> inFlight;

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

    /** Streams the entries past every check once, in batches: per-entry work in parallel, then in record order. */
    public void scan(Entries entries, List<EntryCheck> checks) throws IOException {
        List<RecordEntry> batch = new ArrayList<>(BATCH);
        long total = entries.forEach(e -> {
            batch.add(e);
            if (batch.size() == BATCH) {
                next(List.copyOf(batch), checks);
                batch.clear();
            }
        });
        next(List.copyOf(batch), checks);
        finish(checks);
        if (total != entryCount) {
            throw new IllegalStateException(total + " entries read but " + entryCount + " scanned");
        }
    }

    /** Finishes the batch in flight and starts this one's per-entry work, so reading goes on meanwhile. */
    private void next(List<RecordEntry> batch, List<EntryCheck> checks) {
        finish(checks);
        long start = entryCount;
        inFlight = CompletableFuture.supplyAsync(() -> {
            ScannedEntry[] scanned = new ScannedEntry[batch.size()];
            IntStream.range(0, batch.size()).parallel().forEach(i -> {
                RecordEntry e = batch.get(i);
                scanned[i] = new ScannedEntry(start + i, e, e.computeLeafHash());
                for (EntryCheck c : checks) {
                    c.inspect(this, scanned[i]);
                }
            });
            return scanned;
        });
    }

    private void finish(List<EntryCheck> checks) {
        if (inFlight == null) {
            return;
        }
        ScannedEntry[] scanned;
        try {
            scanned = inFlight.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            inFlight = null;
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
