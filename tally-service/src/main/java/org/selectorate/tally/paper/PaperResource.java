package org.selectorate.tally.paper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.util.List;

// Not a prefix of the other /api/tally/ballots/{id}/... resources: a class path that is one hides their methods.
@Path("/api/tally/ballots/{ballotId}/paper-batches")
@Tag(name = "papers", description = "Postal and in-person papers keyed by two tellers")
@RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER})
public class PaperResource {
    private final PaperService papers;
    private final SecurityIdentity identity;

    public PaperResource(PaperService papers, SecurityIdentity identity) {
        this.papers = papers;
        this.identity = identity;
    }

    @POST
    @WithTransaction
    @Operation(operationId = "keyPaperBatch", summary = "A teller keys a new batch of papers (its first entry)",
            description = "{channel: postal|in-person, papers: [{paper: \"number as printed\", vote: [names]} | "
                    + "{paper, spoilt: reason}]} → 201 {batch, channel, status: keyed-once, papers}")
    @APIResponse(responseCode = "201", description = "Keyed once: the batch, waiting for a second teller's entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PaperService.BatchView.class)))
    public Uni<Response> keyFirst(@PathParam("ballotId") String ballotId, PaperEntry entry) {
        return papers.keyFirst(ballotId, entry, caller())
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }

    @POST
    @Path("/{batch}/entries")
    @WithTransaction
    @Operation(operationId = "rekeyPaperBatch",
            summary = "A different teller keys the same batch again (its second entry)",
            description = "Agreeing item by item, the batch is agreed and goes to the record; otherwise it is "
                    + "disputed, for a scrutineer. 409 same-teller if the first entry's teller keys it again.")
    public Uni<PaperService.BatchView> keySecond(@PathParam("ballotId") String ballotId,
                                                 @PathParam("batch") String batch, PaperEntry entry) {
        return papers.keySecond(ballotId, batch, entry, caller());
    }

    @GET
    @WithSession
    @Operation(operationId = "listPaperBatches",
            summary = "The ballot's paper batches and their state (no paper numbers, no votes)")
    public Uni<List<PaperService.BatchView>> list(@PathParam("ballotId") String ballotId) {
        return papers.list(ballotId, caller());
    }

    @GET
    @Path("/{batch}/differences")
    @WithSession
    @Operation(operationId = "getPaperBatchDifferences",
            summary = "A scrutineer sees where a disputed batch's two entries differ, item by item")
    public Uni<PaperService.Differences> differences(@PathParam("ballotId") String ballotId,
                                                     @PathParam("batch") String batch) {
        return papers.differences(ballotId, batch, caller());
    }

    @POST
    @Path("/{batch}/adjudication")
    @WithTransaction
    @Operation(operationId = "adjudicatePaperBatch",
            summary = "A scrutineer decides a disputed batch's papers; they go to the record as agreed",
            description = "{papers: [...]} as a teller's entry (channel optional: the batch's)")
    public Uni<PaperService.BatchView> adjudicate(@PathParam("ballotId") String ballotId,
                                                  @PathParam("batch") String batch, PaperEntry decision) {
        return papers.adjudicate(ballotId, batch, decision, caller());
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
