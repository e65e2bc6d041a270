package org.selectorate.tally.record;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.record.RecordCodec;
import org.selectorate.integrity.tracker.Tracker;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;
import org.selectorate.tally.ballot.TallyBallot;
import org.selectorate.tally.count.BallotResult;
import org.selectorate.verifier.recount.RecordCount;

import java.util.List;

@Path("/api/tally")
@Tag(name = "record", description = "The public record of a ballot: entries, proofs, the export")
public class RecordResource {
    private final RecordStore store;
    private final ProofCache proofs;
    private final SecurityIdentity identity;

    public RecordResource(RecordStore store, ProofCache proofs, SecurityIdentity identity) {
        this.store = store;
        this.proofs = proofs;
        this.identity = identity;
    }

    @GET
    @Path("/public/ballots/{ballotId}/entries/{tracker}")
    @Operation(summary = "A voter's entry by tracker, with an inclusion proof against the latest signed tree head")
    public Uni<EntryView> entry(@PathParam("ballotId") String ballotId, @PathParam("tracker") String typed) {
        Tracker tracker;
        try {
            tracker = Tracker.parse(typed);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProblemException.badRequest("not a tracker: " + e.getMessage(),
                    List.of("tracker: 16 symbols of Crockford base32, e.g. FFV1-CP61-8DH2-Y6G6")));
        }
        return Panache.withSession(() -> RecordEntryRow.<RecordEntryRow>find("ballotId = ?1 and tracker = ?2",
                        ballotId, tracker.value()).firstResult()
                .chain(row -> TreeHeadRow.latest(ballotId).chain(head -> {
                    if (row == null || head == null || head.treeSize <= row.seq) {
                        // Recorded means covered by a signed head: only then can the voter check it.
                        throw ProblemException.notFound("an entry with tracker " + tracker.value()
                                + " on a signed head of ballot " + ballotId + " (casts take a few seconds)");
                    }
                    return Panache.getSession().chain(session ->
                            proofs.proof(session, ballotId, row.seq, head.treeSize)).map(proof ->
                            new EntryView(ballotId, row.tracker, row.voteList(), row.channel, row.seq,
                                    row.leafHash, EntryView.Head.of(head),
                                    proof.path().stream().map(Digest::hex).toList()));
                })));
    }

    @GET
    @Path("/public/ballots/{ballotId}/record")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @WithSession
    @Operation(summary = "The whole public record after the count (schema selectorate-record/1), or BLT with "
            + "?format=blt or Accept: text/plain")
    public Uni<Response> record(@PathParam("ballotId") String ballotId, @QueryParam("format") String format,
                                @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean blt = "blt".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.startsWith(MediaType.TEXT_PLAIN));
        if (format != null && !blt && !"json".equalsIgnoreCase(format)) {
            return Uni.createFrom().failure(ProblemException.badRequest("unknown format " + format,
                    List.of("format: json or blt")));
        }
        return BallotResult.of(ballotId).chain(result -> TallyBallot.<TallyBallot>findById(ballotId)
                .chain(ballot -> store.document(ballot, result.reportValue()))
                .map(doc -> blt
                        ? Response.ok(RecordCount.blt(doc.header(), doc.entries()), MediaType.TEXT_PLAIN)
                                .header("Content-Disposition", "attachment; filename=\"" + ballotId + ".blt\"")
                                .build()
                        : Response.ok(RecordCodec.write(doc), MediaType.APPLICATION_JSON).build()));
    }

    @GET
    @Path("/ballots/{ballotId}/progress")
    @WithSession
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(summary = "How many entries a ballot's record holds so far (a count only)")
    public Uni<Progress> progress(@PathParam("ballotId") String ballotId) {
        Caller caller = Caller.of(identity);
        return TallyBallot.<TallyBallot>findById(ballotId)
                .invoke(ballot -> {
                    // tally-service does not learn regions: beyond HQ, the token must name the constituency.
                    if (ballot == null || !(caller.isHq() || caller.constituencies().contains(ballot.constituency))) {
                        throw ProblemException.notFound("ballot " + ballotId);
                    }
                })
                .chain(ballot -> RecordEntryRow.count("ballotId", ballotId)
                        .map(n -> new Progress(ballotId, ballot.status, n)));
    }

    public record Progress(String ballotId, String status, long entries) {
    }
}
