package org.selectorate.ballot.paper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.util.List;
import java.util.UUID;

/** The final ballot's paper channels, run by the selection's admins and procedures secretary. */
@Path("/api/ballots/ballots/{id}")
@Tag(name = "papers", description = "Postal packs and papers at meetings; one vote per member across channels")
@RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
public class PaperResource {
    static final String PDF = "application/pdf";

    private final PaperService papers;
    private final SecurityIdentity identity;

    public PaperResource(PaperService papers, SecurityIdentity identity) {
        this.papers = papers;
        this.identity = identity;
    }

    @POST
    @Path("/postal-packs")
    @Produces({PDF, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "the PDF (JSON only for an error's problem details)",
            content = @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @Operation(operationId = "issuePostalPacks",
            summary = "Issue postal packs: one PDF, for each member a ballot paper, the declaration and return "
            + "instructions", description = "409 voted-online / voted-in-person (marked by another channel), "
            + "postal-pack-issued, not-on-roll, no-postal-address, channel-not-in-rulebook, ballot-not-open; one "
            + "refusal refuses the whole request and nothing changes")
    public Uni<byte[]> issuePostal(@PathParam("id") UUID id, @Valid @NotNull PaperViews.PostalIssue request) {
        return papers.issuePostal(id, request, Caller.of(identity));
    }

    @GET
    @Path("/postal-packs")
    @Operation(operationId = "listPostalPacks",
            summary = "The ballot's postal packs: member, declaration number, status, days (never a paper)")
    public Uni<List<PaperViews.PackView>> packs(@PathParam("id") UUID id) {
        return papers.packs(id, Caller.of(identity));
    }

    @POST
    @Path("/postal-packs/{declaration}/cancel")
    @Operation(operationId = "cancelPostalPack",
            summary = "Cancel a lost or spoilt pack (then issue its replacement); with its paper number, the "
            + "paper is cancelled too (PapersCancelled, replaced)")
    public Uni<PaperViews.PackView> cancel(@PathParam("id") UUID id, @PathParam("declaration") String declaration,
                                           @Valid PaperViews.Cancellation request) {
        return papers.cancelPostal(id, declaration, request, Caller.of(identity));
    }

    @POST
    @Path("/postal-returns")
    @Operation(operationId = "recordPostalReturn",
            summary = "Record a postal return: accepted, or rejected with its reason and its paper cancelled",
            description = "404 unknown declaration number; 409 return-recorded, pack-cancelled; 409 voted-online / "
                    + "voted-in-person once the rejection is recorded; 400 unknown paper number")
    public Uni<PaperViews.ReturnOutcome> recordReturn(@PathParam("id") UUID id,
                                                      @Valid @NotNull PaperViews.PostalReturn request) {
        return papers.recordReturn(id, request, Caller.of(identity));
    }

    @POST
    @Path("/meeting-papers")
    @Produces({PDF, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "the PDF (JSON only for an error's problem details)",
            content = @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @Operation(operationId = "printMeetingPapers",
            summary = "Print numbered papers for a meeting: one PDF, a paper a page; issued to nobody yet")
    public Uni<byte[]> printMeetingPapers(@PathParam("id") UUID id, @Valid @NotNull PaperViews.MeetingPapers request) {
        return papers.printMeetingPapers(id, request, Caller.of(identity));
    }

    @POST
    @Path("/in-person-issues")
    @Operation(operationId = "issueInPersonPaper",
            summary = "Hand a paper to a member attending a started meeting: marked in-person",
            description = "409 not-attending, meeting-not-started, not-on-roll, voted-online / voted-postal")
    public Uni<PaperViews.Mark> issueInPerson(@PathParam("id") UUID id,
                                              @Valid @NotNull PaperViews.InPersonIssue request) {
        return papers.issueInPerson(id, request, Caller.of(identity));
    }
}
