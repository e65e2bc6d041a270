package org.selectorate.ballot.committee;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.net.URI;
import java.util.UUID;

@Path("/api/ballots/ballots/{id}/notice-override")
@Tag(name = "committee")
public class NoticeOverrideResource {
    private final NoticeGate gate;
    private final SecurityIdentity identity;

    public NoticeOverrideResource(NoticeGate gate, SecurityIdentity identity) {
        this.gate = gate;
        this.identity = identity;
    }

    public record OverrideReason(@Schema(example = NoticeOverride.OVERRIDE_REASON) @NotBlank @Size(max = 2000) String reason) {
    }

    @POST
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "recordBallotNoticeOverride",
            summary = "Propose that the ballot may open without every committee member told in time",
            description = "Counts only once a scrutineer other than the proposer co-signs its proposal "
                    + "(POST /api/ballots/proposals/{proposalId}/cosign, linked from the answer and Location).")
    @APIResponse(responseCode = "201", description = "Proposed: the override, counting once co-signed",
            headers = @Header(name = "Location", description = "The proposal to co-sign",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NoticeOverride.View.class)))
    public Uni<Response> record(@PathParam("id") UUID ballotId, @Valid @NotNull OverrideReason request) {
        return gate.recordOverride(ballotId, request.reason(), Caller.of(identity))
                .map(o -> Response.created(URI.create(o.proposal())).entity(o).build());
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE})
    @Operation(operationId = "getBallotNoticeOverride", summary = "The override, if one was recorded")
    public Uni<NoticeOverride.View> get(@PathParam("id") UUID ballotId) {
        return gate.override(ballotId, Caller.of(identity));
    }
}
