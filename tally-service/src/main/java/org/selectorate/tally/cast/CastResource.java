package org.selectorate.tally.cast;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    public Uni<Response> cast(@PathParam("ballotId") String ballotId, CastRequest request) {
        return casts.cast(ballotId, request).map(accepted -> Response.accepted(accepted).build());
    }
}
