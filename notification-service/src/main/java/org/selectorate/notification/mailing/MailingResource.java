package org.selectorate.notification.mailing;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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

@Path("/api/notifications")
@Tag(name = "mailings", description = "Candidate mailings to a selection's electorate, within an equal quota")
public class MailingResource {
    private final MailingService mailings;
    private final Unsubscribes unsubscribes;
    private final SecurityIdentity identity;

    public MailingResource(MailingService mailings, Unsubscribes unsubscribes, SecurityIdentity identity) {
        this.mailings = mailings;
        this.unsubscribes = unsubscribes;
        this.identity = identity;
    }

    @POST
    @Path("/selections/{id}/mailings")
    @Authenticated
    @Operation(operationId = "sendMailing",
            summary = "Send a mailing {subject, body} to the selection's electorate, as a candidate or agent",
            description = "Only a token with the candidate role whose username is the candidate's account or one of "
                    + "their agents (from ballot-service) may send; an admin gets 403 (an admin cannot send on a "
                    + "candidate's behalf). 429 once the rulebook's quota for the period is used, naming it and when "
                    + "the next may go. Sent to the latest frozen roll's electors at the address held at the freeze, "
                    + "except those who unsubscribed, each with their own unsubscribe link. 201 with the record: "
                    + "{id, selectionId, candidate, sentBy, sentAt, subject, body, recipients}.")
    @APIResponse(responseCode = "201", description = "Sent: the mailing's record",
            headers = @Header(name = "Location", description = "The selection's mailings",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MailingService.MailingView.class)))
    public Uni<Response> send(@PathParam("id") String selectionId, MailingService.NewMailing request) {
        return mailings.send(selectionId, request, Caller.of(identity)).map(m -> Response.created(
                URI.create("/api/notifications/selections/" + selectionId + "/mailings")).entity(m).build());
    }

    @GET
    @Path("/selections/{id}/mailings")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.SCRUTINEER, Roles.CANDIDATE})
    @Operation(operationId = "listMailings",
            summary = "Every mailing of the selection: who sent it, when, what, to how many",
            description = "The same list for every candidate of the selection (and their agents), scrutineers and "
                    + "admins in its area; 404 otherwise. Recipients are never listed.")
    public Uni<List<MailingService.MailingView>> list(@PathParam("id") String selectionId) {
        return mailings.list(selectionId, Caller.of(identity));
    }

    @GET
    @Path("/public/unsubscribe")
    @Operation(operationId = "unsubscribeFromMailings",
            summary = "Stop candidate mailings of a selection to this elector (the signed link in each mailing)",
            description = "200 {selectionId, unsubscribed: true}; 403 for a token that is not the link's. Access "
                    + "codes and alerts still come.")
    public Uni<Unsubscribes.Unsubscribed> unsubscribe(@QueryParam("selection") String selectionId,
                                                      @QueryParam("member") String membershipNumber,
                                                      @QueryParam("token") String token) {
        return unsubscribes.unsubscribe(selectionId, membershipNumber, token);
    }
}
