package org.selectorate.notification.notice;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.util.List;
import java.util.UUID;

@Path("/api/notifications")
@Tag(name = "notices", description = "Timetable notices to selection committees")
public class NoticeResource {
    private final NoticeService notices;
    private final SecurityIdentity identity;

    public NoticeResource(NoticeService notices, SecurityIdentity identity) {
        this.notices = notices;
        this.identity = identity;
    }

    @GET
    @Path("/public/notices/{noticeId}/ack")
    @Operation(summary = "Acknowledge a notice through its signed link (403 if the token does not match)")
    public Uni<NoticeViews.Acknowledgement> acknowledge(@PathParam("noticeId") UUID noticeId,
                                                        @QueryParam("token") String token) {
        return notices.acknowledge(noticeId, token);
    }

    @GET
    @Path("/selections/{id}/notices")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER})
    @Operation(summary = "The selection's notices ledger: who was told what, when, delivered, acknowledged",
            description = "For callers covering the selection's area; 404 otherwise.")
    public Uni<List<NoticeViews.LedgerEntry>> ledger(@PathParam("id") String selectionId) {
        return notices.ledger(selectionId, Caller.of(identity));
    }
}
