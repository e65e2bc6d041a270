package org.selectorate.ballot.selection;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import java.util.UUID;

@Path("/api/ballots/selections")
@Tag(name = "selections", description = "Selections, their rulebooks and candidates")
public class SelectionResource {
    private final SelectionService selections;
    private final SecurityIdentity identity;

    public SelectionResource(SelectionService selections, SecurityIdentity identity) {
        this.selections = selections;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "createSelection",
            summary = "Open a selection in a constituency of the caller's area, with rulebook version 1")
    @APIResponse(responseCode = "201", description = "Opened: the selection",
            headers = @Header(name = "Location", description = "The selection",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SelectionView.class)))
    public Uni<Response> create(@Valid @NotNull SelectionRequests.NewSelection request) {
        return selections.create(request, Caller.of(identity))
                .map(s -> Response.created(URI.create("/api/ballots/selections/" + s.id())).entity(s).build());
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "listSelections", summary = "Selections in the caller's area")
    public Uni<List<SelectionView>> list() {
        return selections.list(Caller.of(identity));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION, Roles.AFFILIATE_OFFICER})
    @Operation(operationId = "getSelection", summary = "A selection with its rulebook and candidates",
            description = "An affiliate officer reads the selections of the constituencies their affiliates belong to")
    public Uni<SelectionView> get(@PathParam("id") UUID id) {
        return selections.get(id, Caller.of(identity));
    }

    @POST
    @Path("/{id}/candidates")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "addCandidate",
            summary = "Add a candidate (until the ballot opens); answers with the selection",
            description = "`account` (the candidate's Keycloak username) and `agents` are optional; they are who may "
                    + "send the candidate's mailings. Publishes CandidateNominated.")
    @APIResponse(responseCode = "201", description = "Added: the selection with its candidates",
            headers = @Header(name = "Location", description = "The selection",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SelectionView.class)))
    public Uni<Response> addCandidate(@PathParam("id") UUID id,
                                      @Valid @NotNull SelectionRequests.NewCandidate request) {
        return selections.addCandidate(id, request, Caller.of(identity))
                .map(s -> Response.created(URI.create("/api/ballots/selections/" + s.id())).entity(s).build());
    }

    @PUT
    @Path("/{id}/candidates/{name}/accounts")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "setCandidateAccounts",
            summary = "Set who acts for a candidate: their Keycloak account and agents",
            description = "Replaces both. Only these usernames may send the candidate's mailings through "
                    + "notification-service; a username acts for one candidate of a selection at most (409). "
                    + "Publishes CandidateNominated.")
    public Uni<SelectionView> setAccounts(@PathParam("id") UUID id, @PathParam("name") String name,
                                          @Valid @NotNull SelectionRequests.CandidateAccounts request) {
        return selections.setAccounts(id, name, request, Caller.of(identity));
    }

    @POST
    @Path("/{id}/candidates/{name}/withdraw")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "withdrawCandidate", summary = "Record a candidate's withdrawal",
            description = "Before the ballot opens the candidate is left off the paper. After it opens they stay "
                    + "on the paper and are listed as withdrawn, to be excluded before stage 1 of the count; the "
                    + "withdrawal then needs a scrutineer's co-signature: 409 cosign-required with the proposal it "
                    + "became (the body's `reason` is then required).")
    public Uni<SelectionView> withdraw(@PathParam("id") UUID id, @PathParam("name") String name,
                                       @Valid SelectionRequests.WithdrawalReason request) {
        return selections.withdraw(id, name, request == null ? null : request.reason(), Caller.of(identity));
    }
}
