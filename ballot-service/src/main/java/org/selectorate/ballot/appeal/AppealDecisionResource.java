package org.selectorate.ballot.appeal;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.util.UUID;

@Path("/api/ballots/appeals/{appealId}/decision")
@Tag(name = "appeals")
public class AppealDecisionResource {
    private final AppealService appeals;
    private final SecurityIdentity identity;

    public AppealDecisionResource(AppealService appeals, SecurityIdentity identity) {
        this.appeals = appeals;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.HQ_ADMIN)
    @Operation(operationId = "decideAppeal",
            summary = "HQ decides an appeal with reasons: dismissed, or upheld with a recount or a re-run",
            description = "Once (409 appeal-decided). A recount publishes RecountOrdered; a re-run annuls the "
                    + "declared final ballot so that a new one may be scheduled.")
    public Uni<AppealViews.AppealView> decide(@PathParam("appealId") UUID appealId,
                                              @Valid @NotNull AppealViews.Decision decision) {
        return appeals.decide(appealId, decision, Caller.of(identity));
    }
}
