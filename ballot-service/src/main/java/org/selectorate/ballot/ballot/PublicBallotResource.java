package org.selectorate.ballot.ballot;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/ballots/public/ballots")
@Tag(name = "public", description = "Anonymous: what a voter's client needs")
public class PublicBallotResource {
    private final BallotService ballots;

    public PublicBallotResource(BallotService ballots) {
        this.ballots = ballots;
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(operationId = "getPublicBallot",
            summary = "An opened ballot's paper, times, status and credential key (anonymous)")
    public Uni<BallotViews.PublicBallot> get(@PathParam("id") UUID id) {
        return ballots.publicBallot(id);
    }
}
