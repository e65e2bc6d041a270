package org.selectorate.tally.certification;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

@Path("/api/tally")
@Tag(name = "certification", description = "Scrutineers' signed decisions on a counted result, and its declaration")
public class CertificationResource {
    private final CertificationService service;
    private final SecurityIdentity identity;

    public CertificationResource(CertificationService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @PUT
    @Path("/scrutineer/key")
    @RolesAllowed(Roles.SCRUTINEER)
    @Operation(operationId = "registerScrutineerKey",
            summary = "Register the Ed25519 public key your decisions are signed with",
            description = "{publicKey: base64url of the 32 raw bytes}. A new key supersedes the last for decisions "
                    + "signed from now on; earlier keys are kept and what they signed stands. The same key again "
                    + "changes nothing. 400 for a value that is not an Ed25519 public key.")
    public Uni<CertificationViews.KeyView> register(CertificationViews.KeyRequest request) {
        return service.register(request, Caller.of(identity));
    }

    @GET
    @Path("/scrutineer/key")
    @RolesAllowed(Roles.SCRUTINEER)
    @Operation(operationId = "getScrutineerKey",
            summary = "The key your next decision must be signed with (404 before you register one)")
    public Uni<CertificationViews.KeyView> key() {
        return service.key(Caller.of(identity));
    }

    @GET
    @Path("/ballots/{ballotId}/certification")
    @RolesAllowed({Roles.SCRUTINEER, Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "getCertificationReview",
            summary = "What a scrutineer reviews before signing: the final tree head, the figures, the anomaly "
            + "flags and the decisions so far (403 out of area, 409 not-counted or meeting-ballot)")
    public Uni<CertificationViews.Review> review(@PathParam("ballotId") String ballotId) {
        return service.review(ballotId, Caller.of(identity));
    }

    @POST
    @Path("/ballots/{ballotId}/certifications")
    @RolesAllowed(Roles.SCRUTINEER)
    @Operation(operationId = "submitCertification",
            summary = "Certify the counted result, or refuse with reasons, signed over the final tree head",
            description = "Body: the record's certification, {decision: certified|refused, reasons, scrutineer, "
                    + "publicKey, treeSize, rootHash, signature}. 201 with the decision as stored.")
    @APIResponse(responseCode = "201", description = "Decided: the decision as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CertificationViews.Decision.class)))
    public Uni<Response> decide(@PathParam("ballotId") String ballotId,
                                CertificationViews.DecisionRequest body) {
        return service.decide(ballotId, body, Caller.of(identity))
                .map(d -> Response.status(Response.Status.CREATED).entity(d).build());
    }

    @POST
    @Path("/ballots/{ballotId}/declaration")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "declareResult",
            summary = "Declare the certified result (by someone who did not certify it)")
    @APIResponse(responseCode = "201", description = "Declared: who was elected, by whom, certified by whom",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CertificationViews.Declaration.class)))
    public Uni<Response> declare(@PathParam("ballotId") String ballotId) {
        return service.declare(ballotId, Caller.of(identity))
                .map(d -> Response.status(Response.Status.CREATED).entity(d).build());
    }

    @GET
    @Path("/public/ballots/{ballotId}/certifications")
    @Operation(operationId = "listCertifications",
            summary = "Every scrutineer's decision on the ballot, as signed, and its declaration")
    public Uni<CertificationViews.Decisions> decisions(@PathParam("ballotId") String ballotId) {
        return service.decisions(ballotId);
    }
}
