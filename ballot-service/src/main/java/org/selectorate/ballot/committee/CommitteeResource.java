package org.selectorate.ballot.committee;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
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

@Path("/api/ballots/selections/{id}/committee")
@Tag(name = "committee", description = "A selection's committee: everyone told of every timetable step")
public class CommitteeResource {
    private final CommitteeService committee;
    private final SecurityIdentity identity;

    public CommitteeResource(CommitteeService committee, SecurityIdentity identity) {
        this.committee = committee;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "appointCommitteeMember", summary = "Appoint a committee member; CommitteeAppointed")
    @APIResponse(responseCode = "201", description = "Appointed: the committee member",
            headers = @Header(name = "Location", description = "The committee member",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CommitteeViews.MemberView.class)))
    public Uni<Response> appoint(@PathParam("id") UUID selectionId, @Valid @NotNull CommitteeViews.NewMember request) {
        return committee.appoint(selectionId, request, Caller.of(identity))
                .map(m -> Response.created(URI.create("/api/ballots/selections/" + selectionId + "/committee/" + m.id()))
                        .entity(m).build());
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.INTEGRATION})
    @Operation(operationId = "listCommitteeMembers", summary = "The committee as it stands")
    public Uni<List<CommitteeViews.MemberView>> list(@PathParam("id") UUID selectionId) {
        return committee.list(selectionId, Caller.of(identity));
    }

    @DELETE
    @Path("/{memberId}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "removeCommitteeMember", summary = "Remove a committee member; CommitteeMemberRemoved")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> remove(@PathParam("id") UUID selectionId, @PathParam("memberId") UUID memberId) {
        return committee.remove(selectionId, memberId, Caller.of(identity)).map(v -> Response.noContent().build());
    }
}
