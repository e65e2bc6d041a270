package org.selectorate.ballot.ballot;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/ballots/selections/{id}/ballots")
@Tag(name = "ballots")
public class SelectionBallotResource {
    private final BallotService ballots;
    private final SecurityIdentity identity;

    public SelectionBallotResource(BallotService ballots, SecurityIdentity identity) {
        this.ballots = ballots;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "listSelectionBallots",
            summary = "The selection's final ballot, if one is scheduled: an empty list until then")
    public Uni<List<BallotViews.BallotView>> list(@PathParam("id") UUID selectionId) {
        return ballots.ofSelection(selectionId, Caller.of(identity));
    }

    @POST
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "scheduleFinalBallot",
            summary = "Schedule the selection's final ballot (AV); its paper is fixed when it opens")
    @APIResponse(responseCode = "201", description = "Scheduled: the final ballot",
            headers = @Header(name = "Location", description = "The ballot",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BallotViews.BallotView.class)))
    public Uni<Response> create(@PathParam("id") UUID selectionId, @Valid @NotNull BallotViews.NewBallot request) {
        return ballots.create(selectionId, request, Caller.of(identity))
                .map(b -> Response.created(URI.create("/api/ballots/ballots/" + b.id())).entity(b).build());
    }
}
