package org.selectorate.membership.roll;

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

@Path("/api/membership/selections/{id}/roll")
@Tag(name = "roll", description = "A selection's frozen roll: freeze, published figures, co-signed changes")
public class RollResource {
    private final RollService rolls;
    private final RollChangeService changes;
    private final SecurityIdentity identity;

    public RollResource(RollService rolls, RollChangeService changes, SecurityIdentity identity) {
        this.rolls = rolls;
        this.changes = changes;
        this.identity = identity;
    }

    @POST
    @Path("/freeze")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "freezeRoll",
            summary = "Freeze the selection's roll (version 1) by its rulebook's eligibility",
            description = "Eligible: joined at least the rulebook's minimum months before the freeze date, status "
                    + "active, and not in arrears if the rulebook disqualifies arrears. Publishes RollFrozen and "
                    + "RollEntries chunks of 1,000 on selectorate.roll. A second freeze is refused (409).")
    @APIResponse(responseCode = "201", description = "Frozen: the roll's version 1",
            headers = @Header(name = "Location", description = "The roll",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RollView.class)))
    public Uni<Response> freeze(@PathParam("id") String id) {
        return rolls.freeze(id, Caller.of(identity))
                .map(v -> Response.created(URI.create("/api/membership/selections/" + id + "/roll")).entity(v).build());
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE})
    @Operation(operationId = "getRoll",
            summary = "The latest roll version: Merkle root, electorate and count per branch")
    public Uni<RollView> roll(@PathParam("id") String id) {
        return rolls.roll(id, Caller.of(identity));
    }

    @POST
    @Path("/changes")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "proposeRollChange",
            summary = "Propose adding or removing a member after the freeze (a reason is required)",
            description = "The change stays pending until a scrutineer other than the proposer approves it.")
    @APIResponse(responseCode = "201", description = "Proposed: the pending change",
            headers = @Header(name = "Location", description = "The change",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RollChange.class)))
    public Uni<Response> propose(@PathParam("id") String id, @Valid @NotNull RollChangeService.NewChange request) {
        return changes.propose(id, request, Caller.of(identity))
                .map(c -> Response.created(URI.create("/api/membership/selections/" + id + "/roll/changes/" + c.id))
                        .entity(c).build());
    }

    @GET
    @Path("/changes")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.SCRUTINEER})
    @Operation(operationId = "listRollChanges", summary = "Proposed and approved changes to the selection's roll")
    public Uni<List<RollChange>> changes(@PathParam("id") String id) {
        return changes.changes(id, Caller.of(identity));
    }

    @POST
    @Path("/changes/{changeId}/approve")
    @RolesAllowed(Roles.SCRUTINEER)
    @Operation(operationId = "approveRollChange",
            summary = "Approve a pending change (a scrutineer who did not propose it): makes the next roll version",
            description = "Publishes RollFrozen with the new version, root and changed count, and its RollEntries.")
    public Uni<RollView> approve(@PathParam("id") String id, @PathParam("changeId") UUID changeId) {
        return changes.approve(id, changeId, Caller.of(identity));
    }
}
