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

import java.util.List;
import java.util.UUID;

@Path("/api/ballots/ballots/{id}/marked-register")
@Tag(name = "turnout")
public class MarkedRegisterResource {
    private final TurnoutService turnout;
    private final SecurityIdentity identity;

    public MarkedRegisterResource(TurnoutService turnout, SecurityIdentity identity) {
        this.turnout = turnout;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.SCRUTINEER, Roles.CANDIDATE})
    @Operation(operationId = "getMarkedRegister",
            summary = "Who was issued a ballot, by channel and day: candidates and scrutineers of the area, "
            + "only after close (409 while open)",
            description = "Rows {membershipNumber, channel, markedOn} in membership-number order; the day (UTC) only, "
                    + "so nothing orders the issuances. HQ and other roles get 403.")
    public Uni<List<TurnoutService.Mark>> markedRegister(@PathParam("id") UUID id) {
        return turnout.markedRegister(id, Caller.of(identity));
    }
}
