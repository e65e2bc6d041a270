package org.selectorate.ballot.electorate;

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

@Path("/api/ballots/selections/{id}/electorate")
@Tag(name = "electorate", description = "The frozen roll a selection's ballot is issued on")
public class ElectorateResource {
    private final ElectorateService electorate;
    private final SecurityIdentity identity;

    public ElectorateResource(ElectorateService electorate, SecurityIdentity identity) {
        this.electorate = electorate;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "getElectorateStatus",
            summary = "Whether the latest roll version has fully arrived (counts only)")
    public Uni<ElectorateService.Status> status(@PathParam("id") UUID id) {
        return electorate.status(id, Caller.of(identity));
    }
}
