package org.selectorate.notification.webhook;

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
import java.util.UUID;

@Path("/api/notifications/selections/{id}/webhooks")
@Tag(name = "webhooks", description = "Standard Webhooks: a selection's events, signed, to integrations")
public class WebhookResource {
    private final WebhookService webhooks;
    private final SecurityIdentity identity;

    public WebhookResource(WebhookService webhooks, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "subscribeWebhook", summary = "Subscribe a URL to some kinds of the selection's events",
            description = "201 with the signing secret (whsec_…), shown this once.")
    // Documented, or a generated client's method would return nothing and the secret would be out of its reach.
    @APIResponse(responseCode = "201", description = "Subscribed: the subscription and its signing secret",
            headers = @Header(name = "Location", description = "The subscription",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookViews.Created.class)))
    public Uni<Response> subscribe(@PathParam("id") String selectionId,
                                   @Valid @NotNull WebhookViews.NewSubscription request) {
        return webhooks.subscribe(selectionId, request, Caller.of(identity))
                .map(s -> Response.created(URI.create("/api/notifications/selections/" + selectionId + "/webhooks/" + s.id()))
                        .entity(s).build());
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listWebhooks", summary = "The selection's live subscriptions, without their secrets")
    public Uni<List<WebhookViews.Subscription>> list(@PathParam("id") String selectionId) {
        return webhooks.list(selectionId, Caller.of(identity));
    }

    @DELETE
    @Path("/{webhookId}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "deleteWebhook", summary = "Delete a subscription; nothing more is sent to it")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@PathParam("id") String selectionId, @PathParam("webhookId") UUID webhookId) {
        return webhooks.delete(selectionId, webhookId, Caller.of(identity)).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/{webhookId}/deliveries")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.INTEGRATION})
    @Operation(operationId = "listWebhookDeliveries",
            summary = "Every delivery to the subscription: attempts, last status code, next attempt, outcome")
    public Uni<List<WebhookViews.Delivery>> deliveries(@PathParam("id") String selectionId,
                                                       @PathParam("webhookId") UUID webhookId) {
        return webhooks.deliveries(selectionId, webhookId, Caller.of(identity));
    }
}
