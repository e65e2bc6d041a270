package org.selectorate.tally.paper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;
import org.selectorate.tally.record.RecordExamples;

/** A ballot with paper channels is counted when an officer asks, once its paper batches are agreed. */
@Path("/api/tally/ballots/{ballotId}/count")
@Tag(name = "papers", description = "Postal and in-person papers keyed by two tellers")
@RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER})
public class CountRequestResource {
    private final PaperService papers;
    private final SecurityIdentity identity;

    public CountRequestResource(PaperService papers, SecurityIdentity identity) {
        this.papers = papers;
        this.identity = identity;
    }

    @POST
    @WithTransaction
    @Operation(operationId = "requestCount",
            summary = "An officer asks for the count of a closed ballot with paper channels",
            description = "202 once asked; 409 papers-pending while a batch is keyed once or disputed, "
                    + "not-closed, counted-at-close (no paper channel), count-requested, counted")
    @APIResponse(responseCode = "202", description = "Asked: the ballot is being counted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CountRequested.class)))
    public Uni<Response> count(@PathParam("ballotId") String ballotId) {
        return papers.requestCount(ballotId, Caller.of(identity))
                .map(ignored -> Response.accepted(new CountRequested(ballotId, "counting")).build());
    }

    /** The answer to a count request, a record so the contract can show it. */
    public record CountRequested(@Schema(example = RecordExamples.BALLOT_ID) String ballotId,
                                 @Schema(example = "counting") String status) {
    }
}
