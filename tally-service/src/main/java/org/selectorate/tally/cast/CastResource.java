package org.selectorate.tally.cast;

import io.smallrye.mutiny.Uni;
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

/** Anonymous: no login, and nothing about the caller (address, time) is kept with the vote. */
@Path("/api/tally/public/ballots/{ballotId}/casts")
@Tag(name = "casting", description = "Anonymous online voting with a blind-signed credential")
public class CastResource {
    private final CastService casts;

    public CastResource(CastService casts) {
        this.casts = casts;
    }

    @POST
    @Operation(operationId = "castVote",
            summary = "Cast a vote with a credential; 202 with the tracker once the cast is queued for the record")
    @APIResponse(responseCode = "202", description = "Accepted: the tracker to find the vote on the public record",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CastAccepted.class)))
    public Uni<Response> cast(@PathParam("ballotId") String ballotId, CastRequest request) {
        return casts.cast(ballotId, request).map(accepted -> Response.accepted(accepted).build());
    }
}
