package org.selectorate.ballot.cosign;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.util.List;
import java.util.UUID;

@Path("/api/ballots/selections/{id}/proposals")
@Tag(name = "proposals")
public class SelectionProposalResource {
    private final Proposals proposals;
    private final SecurityIdentity identity;

    public SelectionProposalResource(Proposals proposals, SecurityIdentity identity) {
        this.proposals = proposals;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER})
    @Operation(operationId = "listSelectionProposals",
            summary = "The selection's proposals, pending and decided, oldest first")
    public Uni<List<Proposal.View>> list(@PathParam("id") UUID selectionId) {
        return proposals.list(selectionId, Caller.of(identity));
    }
}
