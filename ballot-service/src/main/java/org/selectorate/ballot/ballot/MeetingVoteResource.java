package org.selectorate.ballot.ballot;

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

@Path("/api/ballots/selections/{id}/meetings/{meetingId}/votes")
@Tag(name = "timetable")
public class MeetingVoteResource {
    private final MeetingVoteService votes;
    private final SecurityIdentity identity;

    public MeetingVoteResource(MeetingVoteService votes, SecurityIdentity identity) {
        this.votes = votes;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
    @Operation(operationId = "openMeetingVote",
            summary = "Open a secret vote at a started, quorate meeting: an access code to each attendee only",
            description = "409 meeting-not-started, no-quorum, meeting-vote-open (one open vote at a time); 400 for "
                    + "an unknown kind, a round without two standing candidates, a past closesAt. The record is "
                    + "withheld until the step closes.")
    @APIResponse(responseCode = "201", description = "Opened: the meeting's vote",
            headers = @Header(name = "Location", description = "The ballot",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BallotViews.BallotView.class)))
    public Uni<Response> open(@PathParam("id") UUID selectionId, @PathParam("meetingId") UUID meetingId,
                              @Valid @NotNull BallotViews.MeetingVote request) {
        Caller caller = Caller.of(identity);
        return votes.open(selectionId, meetingId, request, caller)
                .map(b -> Response.created(URI.create("/api/ballots/ballots/" + b.id())).entity(b).build());
    }

    @POST
    @Path("/{ballotId}/close")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
    @Operation(operationId = "closeMeetingVote",
            summary = "Close the meeting's vote once the meeting has voted (no co-signature: decided in the room)")
    public Uni<BallotViews.BallotView> close(@PathParam("id") UUID selectionId, @PathParam("meetingId") UUID meetingId,
                                             @PathParam("ballotId") UUID ballotId) {
        return votes.close(selectionId, meetingId, ballotId, Caller.of(identity));
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "listMeetingVotes", summary = "The meeting's votes, oldest first")
    public Uni<List<BallotViews.BallotView>> list(@PathParam("id") UUID selectionId,
                                                  @PathParam("meetingId") UUID meetingId) {
        return votes.list(selectionId, meetingId, Caller.of(identity));
    }
}
