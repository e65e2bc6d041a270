package org.selectorate.ballot.timetable;

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

@Path("/api/ballots/selections/{id}/shortlist")
@Tag(name = "timetable")
public class ShortlistResource {
    private final NominationService nominations;
    private final SecurityIdentity identity;

    public ShortlistResource(NominationService nominations, SecurityIdentity identity) {
        this.nominations = nominations;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
    @Operation(summary = "Publish the shortlist (once, not while nominations are open); TimetableEvent shortlist",
            description = "Every id must be a standing candidate of the selection; 400 names the others.")
    public Uni<NominationViews.TimetableView> shortlist(@PathParam("id") UUID selectionId,
                                                        @Valid @NotNull NominationViews.ShortlistRequest request) {
        return nominations.shortlist(selectionId, request.candidates(), Caller.of(identity));
    }
}
