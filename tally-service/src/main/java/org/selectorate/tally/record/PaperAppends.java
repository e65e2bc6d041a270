package org.selectorate.tally.record;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.PaperRef;
import org.selectorate.integrity.record.RejectedEntryException;
import org.selectorate.tally.paper.PaperBatch;
import org.selectorate.tally.paper.PaperBatchAgreed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record writer's paper side: the tellers' agreed batches ({@link PaperBatchAgreed}, in the casts partition after
 * the casts before them) appended to their ballots' records, inside the writer's transaction and lock.
 */
@ApplicationScoped
class PaperAppends {
    private static final Logger LOG = Logger.getLogger(PaperAppends.class);

    private final RecordStore store;

    PaperAppends(RecordStore store) {
        this.store = store;
    }

    /**
     * Appends agreed paper batches, each vote with its channel and its batch and item (the items' order was drawn
     * at the agreement), and signs a head per ballot that grew. A batch appended before (a redelivery) is skipped.
     */
    Uni<Void> append(List<PaperBatchAgreed> agreed, Map<String, BallotRecord> batch) {
        if (agreed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<PaperBatch> found = new ArrayList<>();
        Uni<Void> loaded = Uni.createFrom().voidItem();
        for (PaperBatchAgreed p : agreed) {
            loaded = loaded.chain(() -> PaperBatch.<PaperBatch>findById(new PaperBatch.Key(p.ballotId(), p.batch()))
                    .invoke(b -> {
                        if (b != null) {
                            found.add(b);
                        }
                    }).replaceWithVoid());
        }
        return loaded.chain(() -> {
            List<RecordEntryRow> entries = new ArrayList<>();
            Set<BallotRecord> grown = new LinkedHashSet<>();
            for (PaperBatch b : found) {
                BallotRecord r = batch.get(b.ballotId);
                if (!PaperBatch.AGREED.equals(b.status)) {
                    continue;
                }
                if (r == null || r.record == null) {
                    LOG.errorf("ballot %s: paper batch %s agreed after the count; not appended", b.ballotId, b.batch);
                    continue;
                }
                List<List<String>> votes = b.voteList();
                for (int i = 0; i < votes.size(); i++) {
                    try {
                        entries.add(RecordEntryRow.of(r.ballotId, r.record.appendPaper(Channel.fromId(b.channel),
                                votes.get(i), new PaperRef(b.batch, i + 1))));
                    } catch (RejectedEntryException e) {
                        LOG.errorf("ballot %s: item %d of paper batch %s refused by the record: %s", r.ballotId,
                                i + 1, b.batch, e.reason());
                    }
                }
                b.status = PaperBatch.APPENDED;
                grown.add(r);
            }
            List<TreeHeadRow> heads = grown.stream().filter(r -> r.record.size() > r.signedSize)
                    .map(RecordWriter::sign).toList();
            return store.insert(entries, heads);
        });
    }
}
