package org.selectorate.ballot.timetable;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.util.UUID;

@Path("/api/ballots/selections/{id}/nominations")
@Tag(name = "timetable")
public class NominationResource {
    private final NominationService nominations;
    private final SecurityIdentity identity;

    public NominationResource(NominationService nominations, SecurityIdentity identity) {
        this.nominations = nominations;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(summary = "When nominations opened and closed, and the shortlist")
    public Uni<NominationViews.TimetableView> get(@PathParam("id") UUID selectionId) {
        return nominations.get(selectionId, Caller.of(identity));
    }

    @POST
    @Path("/open")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
    @Operation(summary = "Open nominations (once); TimetableEvent nominations-opened")
    public Uni<NominationViews.TimetableView> open(@PathParam("id") UUID selectionId) {
        return nominations.open(selectionId, Caller.of(identity));
    }

    @POST
    @Path("/close")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
    @Operation(summary = "Close open nominations; TimetableEvent nominations-closed")
    public Uni<NominationViews.TimetableView> close(@PathParam("id") UUID selectionId) {
        return nominations.close(selectionId, Caller.of(identity));
    }
}
