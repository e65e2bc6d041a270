package org.selectorate.tally.paper;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.util.Map;

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
    public Uni<Response> count(@PathParam("ballotId") String ballotId) {
        return papers.requestCount(ballotId, Caller.of(identity))
                .map(ignored -> Response.accepted(Map.of("ballotId", ballotId, "status", "counting")).build());
    }
}
