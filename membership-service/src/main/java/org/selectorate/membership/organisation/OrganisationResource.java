package org.selectorate.membership.organisation;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.net.URI;
import java.util.List;

@Path("/api/membership")
@Tag(name = "organisation", description = "Regions, constituencies, branches, affiliates and affiliates' officers")
public class OrganisationResource {
    private final OrganisationService organisation;
    private final AffiliateOfficerService officers;
    private final SecurityIdentity identity;

    public OrganisationResource(OrganisationService organisation, AffiliateOfficerService officers,
                                SecurityIdentity identity) {
        this.organisation = organisation;
        this.officers = officers;
        this.identity = identity;
    }

    @POST
    @Path("/regions")
    @RolesAllowed(Roles.HQ_ADMIN)
    @Operation(operationId = "createRegion", summary = "Add a region (HQ only)")
    @APIResponse(responseCode = "201", description = "Created: the region",
            headers = @Header(name = "Location", description = "The region",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Region.class)))
    public Uni<Response> createRegion(@Valid @NotNull OrganisationRequests.NewRegion request) {
        return organisation.createRegion(request)
                .map(r -> Response.created(URI.create("/api/membership/regions/" + r.code)).entity(r).build());
    }

    @GET
    @Path("/regions")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.SCRUTINEER})
    @Operation(operationId = "listRegions", summary = "Regions in the caller's area")
    public Uni<List<Region>> regions() {
        return organisation.regions(Caller.of(identity));
    }

    @POST
    @Path("/constituencies")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "createConstituency", summary = "Add a constituency to a region in the caller's area")
    @APIResponse(responseCode = "201", description = "Created: the constituency",
            headers = @Header(name = "Location", description = "The constituency",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Constituency.class)))
    public Uni<Response> createConstituency(@Valid @NotNull OrganisationRequests.NewConstituency request) {
        return organisation.createConstituency(request, Caller.of(identity))
                .map(c -> Response.created(URI.create("/api/membership/constituencies/" + c.code)).entity(c).build());
    }

    @GET
    @Path("/constituencies")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "listConstituencies", summary = "Constituencies in the caller's area")
    public Uni<List<Constituency>> constituencies() {
        return organisation.constituencies(Caller.of(identity));
    }

    @GET
    @Path("/constituencies/{code}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "getConstituency", summary = "A constituency in the caller's area, by code")
    public Uni<Constituency> constituency(@PathParam("code") String code) {
        return organisation.constituency(code, Caller.of(identity));
    }

    @POST
    @Path("/branches")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "createBranch", summary = "Add a branch to a constituency in the caller's area")
    @APIResponse(responseCode = "201", description = "Created: the branch",
            headers = @Header(name = "Location", description = "The constituency's branches",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Branch.class)))
    public Uni<Response> createBranch(@Valid @NotNull OrganisationRequests.NewBranch request) {
        return organisation.createBranch(request, Caller.of(identity))
                .map(b -> Response.created(URI.create("/api/membership/constituencies/" + b.constituency
                        + "/branches")).entity(b).build());
    }

    @GET
    @Path("/constituencies/{code}/branches")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "listBranches", summary = "Branches of a constituency in the caller's area, by code")
    public Uni<List<Branch>> branches(@PathParam("code") String code) {
        return organisation.branches(code, Caller.of(identity));
    }

    @POST
    @Path("/affiliates")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "createAffiliate",
            summary = "Add an affiliate (kind union or society) to a constituency in the caller's area")
    @APIResponse(responseCode = "201", description = "Created: the affiliate",
            headers = @Header(name = "Location", description = "The constituency's affiliates",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Affiliate.class)))
    public Uni<Response> createAffiliate(@Valid @NotNull OrganisationRequests.NewAffiliate request) {
        return organisation.createAffiliate(request, Caller.of(identity))
                .map(a -> Response.created(URI.create("/api/membership/constituencies/" + a.constituency
                        + "/affiliates")).entity(a).build());
    }

    @GET
    @Path("/constituencies/{code}/affiliates")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "listAffiliates", summary = "Affiliates of a constituency in the caller's area, by code")
    public Uni<List<Affiliate>> affiliates(@PathParam("code") String code) {
        return organisation.affiliates(code, Caller.of(identity));
    }

    @POST
    @Path("/affiliates/{code}/officers")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "addAffiliateOfficer",
            summary = "Make a person (by Keycloak username) an authorised officer of an affiliate in the caller's area")
    @APIResponse(responseCode = "201", description = "Added: the officer",
            headers = @Header(name = "Location", description = "The affiliate's officers",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AffiliateOfficer.class)))
    public Uni<Response> addOfficer(@PathParam("code") String code,
                                    @Valid @NotNull OrganisationRequests.NewOfficer request) {
        return officers.add(code, request, Caller.of(identity))
                .map(o -> Response.created(URI.create("/api/membership/affiliates/" + code + "/officers"))
                        .entity(o).build());
    }

    @GET
    @Path("/affiliates/{code}/officers")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.SCRUTINEER})
    @Operation(operationId = "listAffiliateOfficers", summary = "An affiliate's current authorised officers")
    public Uni<List<AffiliateOfficer>> officers(@PathParam("code") String code) {
        return officers.officers(code, Caller.of(identity));
    }

    @DELETE
    @Path("/affiliates/{code}/officers/{username}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "removeAffiliateOfficer",
            summary = "Remove an affiliate's authorised officer (the record of their time in office stays)")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> removeOfficer(@PathParam("code") String code, @PathParam("username") String username) {
        return officers.remove(code, username, Caller.of(identity)).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/constituencies/{code}/units")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.SCRUTINEER, Roles.AFFILIATE_OFFICER})
    @Operation(operationId = "listConstituencyUnits",
            summary = "A constituency's branches and affiliates, with the names of each affiliate's officers")
    public Uni<AffiliateOfficerService.Units> units(@PathParam("code") String code) {
        return officers.units(code, Caller.of(identity));
    }
}
