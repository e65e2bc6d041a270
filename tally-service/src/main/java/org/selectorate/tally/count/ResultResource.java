package org.selectorate.tally.count;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.integrity.record.ChannelAccount;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.tally.ballot.TallyBallot.Published;
import org.selectorate.tally.record.RecordExamples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Path("/api/tally/public/ballots/{ballotId}/result")
@Tag(name = "result", description = "The count of a closed ballot, stage by stage")
public class ResultResource {

    /**
     * @param stages         the counting module's stages: tallies, inactive, transfers, elected, excluded, notes
     * @param votes          entries counted, and per channel in {@code votesByChannel}
     * @param recordRoot     root hash of the record's final signed tree head; null when published as totals only
     * @param markedRegister members marked as issued a ballot, per channel, as in the record: what the votes are
     *                       reconciled with
     * @param totalsOnly     a meeting ballot published as totals only: its entries and record never are
     * @param paperAccount   the ballot paper account per channel: issued, returned, rejected and spoilt by reason,
     *                       counted
     * @param reconciled     every channel's account reconciles; if not, {@code accountProblems} says why, per channel
     * @param anomalies      flags for the scrutineer ({kind, subject, detail, statistic, threshold}): a channel's
     *                       first preferences, a branch's turnout or an hour's issuances beyond chance; they never
     *                       change the result
     */
    public record ResultView(@Schema(example = RecordExamples.BALLOT_ID) String ballotId,
                             @Schema(example = ResultExamples.ELECTED) List<Object> elected,
                             @Schema(example = ResultExamples.VOTES) long votes,
                             @Schema(example = ResultExamples.VOTES_BY_CHANNEL) Map<String, Object> votesByChannel,
                             @Schema(example = RecordExamples.ROOT_HASH) String recordRoot,
                             @Schema(example = ResultExamples.METHOD) String method,
                             @Schema(example = ResultExamples.STAGES) List<Object> stages,
                             @Schema(example = ResultExamples.MARKED_REGISTER) Map<String, Long> markedRegister,
                             boolean totalsOnly,
                             // ChannelAccount is integrity's (no framework there): its example is the whole map's
                             @Schema(example = ResultExamples.PAPER_ACCOUNT) Map<String, ChannelAccount> paperAccount,
                             boolean reconciled,
                             @Schema(example = ResultExamples.ACCOUNT_PROBLEMS)
                             Map<String, List<String>> accountProblems,
                             @Schema(example = ResultExamples.ANOMALIES) List<Object> anomalies) {
    }

    @GET
    @WithSession
    @SuppressWarnings("unchecked")
    @Operation(operationId = "getResult",
            summary = "Who was elected and every stage of the count (409 until counted; 404 while a meeting "
            + "ballot's record is withheld)")
    public Uni<ResultView> result(@PathParam("ballotId") String ballotId) {
        return BallotResult.of(ballotId, Published.TOTALS).chain(r -> TallyBallot.<TallyBallot>findById(ballotId)
                .map(ballot -> {
                    Map<String, Object> report = r.reportValue();
                    boolean totalsOnly = ballot.published() == Published.TOTALS;
                    Map<String, Long> register = new TreeMap<>();
                    ballot.markedRegisterCounts().forEach((channel, n) -> register.put(channel.id(), n));
                    Map<String, ChannelAccount> account = new TreeMap<>();
                    Map<String, List<String>> problems = new TreeMap<>();
                    r.paperAccountValue().forEach((channel, a) -> {
                        account.put(channel.id(), a);
                        if (!a.problems().isEmpty()) {
                            problems.put(channel.id(), a.problems());
                        }
                    });
                    return new ResultView(ballotId, (List<Object>) report.get("elected"), r.votes,
                            r.byChannelValue(), totalsOnly ? null : r.recordRoot, (String) report.get("method"),
                            stages((List<Object>) report.get("stages"), totalsOnly), register, totalsOnly, account,
                            problems.isEmpty(), problems, r.anomaliesValue());
                }));
    }

    /**
     * The stages, without their split by channel when only totals are published: among a meeting's few voters, one
     * channel's figures could show how someone voted.
     */
    @SuppressWarnings("unchecked")
    private static List<Object> stages(List<Object> stages, boolean totalsOnly) {
        if (!totalsOnly) {
            return stages;
        }
        return stages.stream().map(stage -> {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) stage);
            copy.remove("channels");
            return (Object) copy;
        }).toList();
    }
}
