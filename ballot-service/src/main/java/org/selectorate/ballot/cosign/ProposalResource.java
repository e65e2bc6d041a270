package org.selectorate.ballot.cosign;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.util.UUID;

@Path("/api/ballots/proposals")
@Tag(name = "proposals", description = "The two-person rule: actions one person proposes and a scrutineer co-signs")
public class ProposalResource {
    private final Proposals proposals;
    private final SecurityIdentity identity;

    public ProposalResource(Proposals proposals, SecurityIdentity identity) {
        this.proposals = proposals;
        this.identity = identity;
    }

    /** @param digest the proposal's digest as the co-signer read it: they approve exactly that */
    public record Cosignature(@Schema(example = "Confirmed the new count date with the NEC")
                              @NotBlank @Size(max = 2000) String reason,
                              @Schema(example = Proposal.EXAMPLE_DIGEST)
                              @NotNull @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be a hex SHA-256")
                              String digest) {
    }

    public record Decline(@Schema(example = "The NEC has not confirmed the new count date")
                          @NotBlank @Size(max = 2000) String reason) {
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER})
    @Operation(operationId = "getProposal",
            summary = "A proposal: what it does, the state it is bound to (canonical) and its digest")
    public Uni<Proposal.View> get(@PathParam("id") UUID id) {
        return proposals.get(id, Caller.of(identity));
    }

    @POST
    @Path("/{id}/cosign")
    @RolesAllowed(Roles.SCRUTINEER)
    @Operation(operationId = "cosignProposal",
            summary = "Co-sign a proposal (a scrutineer in area, not its proposer): the action is done now",
            description = "The body names the proposal's digest: 409 proposal-mismatch if it is not this proposal's, "
                    + "409 state-changed if what the proposal acts on has changed since it was proposed, 409 "
                    + "proposal-decided once co-signed or declined, 403 for the proposer (by token subject).")
    public Uni<Proposal.View> cosign(@PathParam("id") UUID id, @Valid @NotNull Cosignature request) {
        return proposals.cosign(id, request.digest(), request.reason(), Caller.of(identity));
    }

    @POST
    @Path("/{id}/decline")
    @RolesAllowed(Roles.SCRUTINEER)
    @Operation(operationId = "declineProposal",
            summary = "Decline a proposal (a scrutineer in area, not its proposer), with a reason; nothing is done")
    public Uni<Proposal.View> decline(@PathParam("id") UUID id, @Valid @NotNull Decline request) {
        return proposals.decline(id, request.reason(), Caller.of(identity));
    }
}
