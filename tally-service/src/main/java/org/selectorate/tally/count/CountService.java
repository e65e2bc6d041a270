package org.selectorate.tally.count;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.result.ResultPublished;
import org.selectorate.counting.report.CountReport;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.record.PublicRecord;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.verifier.recount.RecordCount;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts a drained record with the counting module, through the verifier's {@link RecordCount} so that the
 * published result and anyone's recount are computed by the same reading of the record.
 */
@ApplicationScoped
public class CountService {
    private static final Logger LOG = Logger.getLogger(CountService.class);

    private final Outbox outbox;

    public CountService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Stores the result and emits {@link ResultPublished}, in the caller's transaction. */
    public Uni<Void> count(TallyBallot ballot, PublicRecord record) {
        RecordDocument doc = record.document(ballot.markedRegisterCounts(), null);
        long started = System.nanoTime();
        CountReport report = RecordCount.count(doc.header(), doc.entries());
        Map<String, Object> value = RecordCount.resultValue(report);
        Map<String, Long> byChannel = new TreeMap<>();
        for (RecordEntry e : doc.entries()) {
            byChannel.merge(e.channel().id(), 1L, Long::sum);
        }
        String root = record.treeHeads().get(record.treeHeads().size() - 1).head().rootHash();
        List<String> elected = report.elected();
        LOG.infof("ballot %s counted: %d votes, %d stages, in %d ms", ballot.id, doc.entries().size(),
                report.stages().size(), (System.nanoTime() - started) / 1_000_000);

        BallotResult result = new BallotResult();
        result.ballotId = ballot.id;
        result.report = CanonicalJson.write(value);
        result.elected = CanonicalJson.write(elected);
        result.votes = doc.entries().size();
        result.byChannel = CanonicalJson.write(byChannel);
        result.recordRoot = root;
        result.countedAt = Instant.now();
        ballot.status = TallyBallot.COUNTED;
        // The final head is signed: nothing may be signed for this record again, so its key goes.
        ballot.treeHeadPrivate = null;
        return result.persist()
                .chain(() -> outbox.record(Topics.RESULTS, ballot.id, ResultPublished.TYPE,
                        new ResultPublished(ballot.id, ballot.selectionId, elected, result.votes, byChannel, root)))
                .replaceWithVoid();
    }
}
