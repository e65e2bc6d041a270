package org.selectorate.ballot.turnout;

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

import java.util.UUID;

@Path("/api/ballots/ballots/{id}/turnout")
@Tag(name = "turnout", description = "Turnout counts and, after close, the marked register")
public class TurnoutResource {
    private final TurnoutService turnout;
    private final SecurityIdentity identity;

    public TurnoutResource(TurnoutService turnout, SecurityIdentity identity) {
        this.turnout = turnout;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.SCRUTINEER, Roles.CANDIDATE, Roles.COMMITTEE_MEMBER,
            Roles.INTEGRATION})
    @Operation(operationId = "getTurnout",
            summary = "Electorate and ballots issued per channel: counts only, never names")
    public Uni<TurnoutService.Turnout> turnout(@PathParam("id") UUID id) {
        return turnout.turnout(id, Caller.of(identity));
    }
}
