package org.selectorate.ballot.appeal;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/ballots/public/selections/{id}/appeals")
@Tag(name = "appeals")
public class PublicAppealResource {
    private final AppealService appeals;

    public PublicAppealResource(AppealService appeals) {
        this.appeals = appeals;
    }

    @GET
    @Operation(operationId = "listPublishedAppeals",
            summary = "A declared selection's appeals as published: grounds, status, decision, reasons, remedy "
            + "and a recount's outcome; a candidate appellant by name, a member never (404 before any declaration)")
    public Uni<AppealViews.SelectionAppeals> published(@PathParam("id") UUID id) {
        return appeals.published(id);
    }
}
