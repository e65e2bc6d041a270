package org.selectorate.tally.count;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

@Path("/api/tally/public/ballots/{ballotId}/result")
@Tag(name = "result", description = "The count of a closed ballot, stage by stage")
public class ResultResource {

    /**
     * @param stages the counting module's stages: tallies, inactive, transfers, elected, excluded, notes
     * @param votes  entries counted, and per channel in {@code votesByChannel}
     * @param recordRoot root hash of the record's final signed tree head
     */
    public record ResultView(String ballotId, List<Object> elected, long votes, Map<String, Object> votesByChannel,
                             String recordRoot, String method, List<Object> stages) {
    }

    @GET
    @WithSession
    @SuppressWarnings("unchecked")
    @Operation(summary = "Who was elected and every stage of the count (409 until counted)")
    public Uni<ResultView> result(@PathParam("ballotId") String ballotId) {
        return BallotResult.of(ballotId).map(r -> {
            Map<String, Object> report = r.reportValue();
            return new ResultView(ballotId, (List<Object>) report.get("elected"), r.votes, r.byChannelValue(),
                    r.recordRoot, (String) report.get("method"), (List<Object>) report.get("stages"));
        });
    }
}
