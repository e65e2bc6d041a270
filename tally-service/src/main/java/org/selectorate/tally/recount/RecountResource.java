package org.selectorate.tally.recount;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.tally.ballot.TallyBallot.Published;
import org.selectorate.tally.count.BallotResult;
import org.selectorate.tally.count.ResultExamples;
import org.selectorate.tally.record.RecordExamples;

import java.time.Instant;
import java.util.List;
import java.util.Map;

@Path("/api/tally/public/ballots/{ballotId}/recounts")
@Tag(name = "result")
public class RecountResource {

    /** A count's outcome: who it elects and every stage, as the counting module reports them. */
    public record Count(@Schema(example = ResultExamples.ELECTED) Object elected,
                        @Schema(example = ResultExamples.VOTES) long votes,
                        @Schema(example = ResultExamples.METHOD) Object method,
                        @Schema(example = ResultExamples.STAGES) Object stages) {
        static Count of(Map<String, Object> report, long votes) {
            return new Count(report.get("elected"), votes, report.get("method"), report.get("stages"));
        }
    }

    /**
     * @param differences what differs from the published count ({@code elected}, {@code method}, {@code stage n},
     *                    {@code stages}); empty when the recount is the same
     */
    public record RecountView(@Schema(example = "e2b7c4a9-5d1f-4c3e-8a6b-0f9d2e7c1b58") String appealId,
                              @Schema(example = "2026-12-22T10:00:40Z") Instant recountedAt,
                              boolean sameResult,
                              @Schema(example = "[\"stage 2\"]") List<String> differences,
                              Count original,
                              Count recount) {
    }

    /** The ballot with its published count and every recount ordered on appeal, each beside the original. */
    public record Recounts(@Schema(example = RecordExamples.BALLOT_ID) String ballotId, Count original,
                           List<RecountView> recounts) {
    }

    @GET
    @WithSession
    @Operation(operationId = "listRecounts",
            summary = "Recounts ordered on appeal, each beside the published count (409 until counted)")
    public Uni<Recounts> recounts(@PathParam("ballotId") String ballotId) {
        return BallotResult.of(ballotId, Published.TOTALS).chain(published -> Recount.<Recount>list(
                        "ballotId = ?1 order by recountedAt", ballotId)
                .map(list -> {
                    Count original = Count.of(published.reportValue(), published.votes);
                    return new Recounts(ballotId, original, list.stream().map(r -> new RecountView(r.appealId,
                            r.recountedAt, r.sameResult, r.differenceList(), original,
                            Count.of(r.reportValue(), r.votes))).toList());
                }));
    }
}
