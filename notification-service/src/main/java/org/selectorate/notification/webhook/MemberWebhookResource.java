package org.selectorate.notification.webhook;

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

@Path("/api/notifications/selections/{id}/committee/{memberId}/webhook-secret")
@Tag(name = "webhooks")
public class MemberWebhookResource {
    private final WebhookService webhooks;
    private final SecurityIdentity identity;

    public MemberWebhookResource(WebhookService webhooks, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "getCommitteeMemberWebhookSecret",
            summary = "The secret a committee member's own webhook is signed with, to hand to them")
    public Uni<WebhookViews.MemberSecret> memberSecret(@PathParam("id") String selectionId,
                                                       @PathParam("memberId") String memberId) {
        return webhooks.memberSecret(selectionId, memberId, Caller.of(identity));
    }
}
