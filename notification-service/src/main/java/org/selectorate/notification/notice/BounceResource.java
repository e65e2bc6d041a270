package org.selectorate.notification.notice;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;

/** Where a mail provider reports bounces: "delivered" means accepted by SMTP, and a bounce can come later. */
@Path("/api/notifications/bounces")
@Tag(name = "notices")
public class BounceResource {
    private final NoticeService notices;

    public BounceResource(NoticeService notices) {
        this.notices = notices;
    }

    /** @param messageId the bounced mail's Message-ID, with or without its angle brackets */
    public record BounceReport(@Schema(example = NoticeViews.MESSAGE_ID) @NotBlank @Size(max = 998) String messageId,
                               @Schema(example = NoticeViews.BOUNCE_REASON) @NotBlank @Size(max = 2000) String reason,
                               @NotNull Boolean permanent) {
    }

    @POST
    @RolesAllowed({Roles.INTEGRATION, Roles.HQ_ADMIN})
    @Operation(operationId = "reportBounce", summary = "Report a bounced notice (a mail provider's bounce webhook)",
            description = "A permanent bounce marks the notice bounced, so it no longer counts as delivered; every "
                    + "report is recorded in the ledger and emitted as NoticeBounced. 404 for an unknown Message-ID.")
    public Uni<NoticeViews.Bounce> bounce(@Valid @NotNull BounceReport report) {
        return notices.bounce(report.messageId(), report.reason(), report.permanent());
    }
}
