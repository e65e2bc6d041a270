package org.selectorate.tally.recount;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.tally.ballot.TallyBallot.Published;
import org.selectorate.tally.count.BallotResult;

import java.time.Instant;
import java.util.List;
import java.util.Map;

@Path("/api/tally/public/ballots/{ballotId}/recounts")
@Tag(name = "result")
public class RecountResource {

    /** A count's outcome: who it elects and every stage, as the counting module reports them. */
    public record Count(Object elected, long votes, Object method, Object stages) {
        static Count of(Map<String, Object> report, long votes) {
            return new Count(report.get("elected"), votes, report.get("method"), report.get("stages"));
        }
    }

    /**
     * @param differences what differs from the published count ({@code elected}, {@code method}, {@code stage n},
     *                    {@code stages}); empty when the recount is the same
     */
    public record RecountView(String appealId, Instant recountedAt, boolean sameResult, List<String> differences,
                              Count original, Count recount) {
    }

    /** The ballot with its published count and every recount ordered on appeal, each beside the original. */
    public record Recounts(String ballotId, Count original, List<RecountView> recounts) {
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
