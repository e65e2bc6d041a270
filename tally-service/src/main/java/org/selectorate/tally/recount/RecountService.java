package org.selectorate.tally.recount;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.result.RecountCompleted;
import org.selectorate.contracts.result.RecountOrdered;
import org.selectorate.counting.report.CountReport;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.json.Json;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.tally.count.BallotResult;
import org.selectorate.tally.record.RecordStore;
import org.selectorate.verifier.recount.RecordCount;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Counts a ballot's stored record again when an appeal orders it: the entries as the record holds them, through
 * the verifier's {@link RecordCount} as the published count was ({@code tally.count.CountService}), compared with
 * the published result, elected and stage for stage. The recount is kept beside the original and
 * {@link RecountCompleted} tells ballot-service the outcome.
 */
@ApplicationScoped
public class RecountService {
    private static final Logger LOG = Logger.getLogger(RecountService.class);

    private final RecordStore store;
    private final Outbox outbox;

    public RecountService(RecordStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    /** Recounts once per appeal; call in the inbox's transaction. */
    public Uni<Void> recount(RecountOrdered order) {
        return Recount.<Recount>findById(order.appealId()).chain(done -> done != null ? Uni.createFrom().voidItem()
                : TallyBallot.<TallyBallot>findById(order.ballotId()).chain(ballot -> ballot == null
                        ? skip(order, "is not known here")
                        : BallotResult.<BallotResult>findById(ballot.id).chain(published -> published == null
                                ? skip(order, "has not been counted")
                                : store.tally(ballot).chain(votes -> {
                                    CountReport report = votes.count();
                                    Recount r = compared(order, published,
                                            CanonicalJson.write(RecordCount.resultValue(report)));
                                    r.votes = votes.size();
                                    r.elected = CanonicalJson.write(report.elected());
                                    LOG.infof("ballot %s recounted on appeal %s: %s", ballot.id, r.appealId,
                                            r.sameResult ? "the same result" : "differs: " + r.differences);
                                    return r.persist().chain(() -> outbox.record(Topics.RESULTS, ballot.id,
                                            RecountCompleted.TYPE, new RecountCompleted(ballot.id,
                                                    ballot.selectionId, r.appealId, r.electedList(),
                                                    r.sameResult)));
                                }))));
    }

    /**
     * The recount beside the published count: the same if their reports are the same text (both canonical JSON of
     * the counting module's report); otherwise each part that differs is named.
     */
    @SuppressWarnings("unchecked")
    static Recount compared(RecountOrdered order, BallotResult published, String report) {
        Recount r = new Recount();
        r.appealId = order.appealId();
        r.ballotId = published.ballotId;
        r.selectionId = order.selectionId();
        r.report = report;
        r.recountedAt = Instant.now();
        Map<String, Object> before = (Map<String, Object>) Json.parse(published.report);
        Map<String, Object> after = (Map<String, Object>) Json.parse(report);
        List<String> differences = new ArrayList<>();
        if (!Objects.equals(before.get("elected"), after.get("elected"))) {
            differences.add("elected");
        }
        if (!Objects.equals(before.get("method"), after.get("method"))) {
            differences.add("method");
        }
        List<Object> stagesBefore = (List<Object>) before.getOrDefault("stages", List.of());
        List<Object> stagesAfter = (List<Object>) after.getOrDefault("stages", List.of());
        for (int i = 0; i < Math.min(stagesBefore.size(), stagesAfter.size()); i++) {
            if (!Objects.equals(stagesBefore.get(i), stagesAfter.get(i))) {
                differences.add("stage " + (i + 1));
            }
        }
        if (stagesBefore.size() != stagesAfter.size()) {
            differences.add("stages");
        }
        if (differences.isEmpty() && !published.report.equals(report)) {
            differences.add("report");
        }
        r.sameResult = differences.isEmpty();
        r.differences = CanonicalJson.write(differences);
        return r;
    }

    private static Uni<Void> skip(RecountOrdered order, String why) {
        LOG.warnf("a recount of ballot %s on appeal %s was ordered, but the ballot %s", order.ballotId(),
                order.appealId(), why);
        return Uni.createFrom().voidItem();
    }
}
