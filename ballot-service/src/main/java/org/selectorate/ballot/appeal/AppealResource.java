package org.selectorate.ballot.appeal;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
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
import java.util.UUID;

@Path("/api/ballots/selections/{id}/appeals")
@Tag(name = "appeals", description = "Appeals against a declared result: lodged, decided by HQ, published")
public class AppealResource {
    private final AppealService appeals;
    private final SecurityIdentity identity;

    public AppealResource(AppealService appeals, SecurityIdentity identity) {
        this.appeals = appeals;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.CANDIDATE, Roles.MEMBER})
    @Operation(operationId = "lodgeAppeal",
            summary = "Lodge an appeal against the selection's declared result, within the rulebook's window",
            description = "By a candidate of the selection (their account) or a member on its final ballot's roll "
                    + "(the token's membershipNumber claim). 201 with the acknowledgement and its reference; 403 "
                    + "for anyone else; 409 not-declared, appeal-window-closed.")
    @APIResponse(responseCode = "201", description = "Lodged: the acknowledgement and its reference",
            headers = @Header(name = "Location", description = "The selection's appeals",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AppealViews.Acknowledgement.class)))
    public Uni<Response> lodge(@PathParam("id") UUID id, @Valid @NotNull AppealViews.NewAppeal request) {
        return appeals.lodge(id, request, Caller.of(identity), membershipNumber())
                .map(ack -> Response.created(URI.create("/api/ballots/selections/" + id + "/appeals"))
                        .entity(ack).build());
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER})
    @Operation(operationId = "listAppeals",
            summary = "The selection's appeals, with who lodged each (the public list names no member)")
    public Uni<AppealViews.SelectionAppeals> list(@PathParam("id") UUID id) {
        return appeals.ofSelection(id, Caller.of(identity));
    }

    private String membershipNumber() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(AppealService.MEMBERSHIP_NUMBER_CLAIM);
            if (claim != null) {
                String s = claim.toString();
                // JSON-P string values print with their quotes.
                return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
            }
        }
        return null;
    }
}
