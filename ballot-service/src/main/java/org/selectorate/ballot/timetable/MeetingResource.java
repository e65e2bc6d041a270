package org.selectorate.ballot.timetable;

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
import org.selectorate.ballot.committee.NoticeOverride;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/ballots/selections/{id}/meetings")
@Tag(name = "timetable", description = "Meetings, nominations and the shortlist; every step is a committee notice")
public class MeetingResource {
    private final MeetingService meetings;
    private final SecurityIdentity identity;

    public MeetingResource(MeetingService meetings, SecurityIdentity identity) {
        this.meetings = meetings;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
    @Operation(operationId = "scheduleMeeting", summary = "Schedule a meeting; TimetableEvent meeting-scheduled")
    @APIResponse(responseCode = "201", description = "Scheduled: the meeting",
            headers = @Header(name = "Location", description = "The meeting",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MeetingViews.MeetingView.class)))
    public Uni<Response> schedule(@PathParam("id") UUID selectionId, @Valid @NotNull MeetingViews.MeetingRequest request) {
        return meetings.schedule(selectionId, request, Caller.of(identity))
                .map(m -> Response.created(URI.create("/api/ballots/selections/" + selectionId + "/meetings/" + m.id()))
                        .entity(m).build());
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "listMeetings", summary = "The selection's meetings")
    public Uni<List<MeetingViews.MeetingView>> list(@PathParam("id") UUID selectionId) {
        return meetings.list(selectionId, Caller.of(identity));
    }

    @GET
    @Path("/{meetingId}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "getMeeting", summary = "One meeting")
    public Uni<MeetingViews.MeetingView> get(@PathParam("id") UUID selectionId, @PathParam("meetingId") UUID meetingId) {
        return meetings.get(selectionId, meetingId, Caller.of(identity));
    }

    @PUT
    @Path("/{meetingId}")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
    @Operation(operationId = "changeMeeting",
            summary = "Change a scheduled meeting; its sequence rises; TimetableEvent meeting-changed",
            description = "Once a notice override was granted for the meeting as it stands, the change needs a "
                    + "scrutineer's co-signature: 409 cosign-required with the proposal it became (a `reason` is "
                    + "then required).")
    public Uni<MeetingViews.MeetingView> change(@PathParam("id") UUID selectionId, @PathParam("meetingId") UUID meetingId,
                                                @Valid @NotNull MeetingViews.MeetingRequest request) {
        return meetings.change(selectionId, meetingId, request, Caller.of(identity));
    }

    @POST
    @Path("/{meetingId}/cancel")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
    @Operation(operationId = "cancelMeeting", summary = "Cancel a scheduled meeting; TimetableEvent meeting-cancelled",
            description = "Once a notice override was granted for the meeting as it stands, the cancellation needs a "
                    + "scrutineer's co-signature: 409 cosign-required with the proposal it became.")
    public Uni<MeetingViews.MeetingView> cancel(@PathParam("id") UUID selectionId, @PathParam("meetingId") UUID meetingId,
                                                @Valid @NotNull MeetingViews.MeetingReason request) {
        return meetings.cancel(selectionId, meetingId, request.reason(), Caller.of(identity));
    }

    @POST
    @Path("/{meetingId}/start")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
    @Operation(operationId = "startMeeting", summary = "Start the meeting",
            description = "409 committee-not-told, naming each member without a delivered notice of the meeting as it "
                    + "stands at least the rulebook's noticeLeadHours before, unless an override is co-signed.")
    public Uni<MeetingViews.MeetingView> start(@PathParam("id") UUID selectionId, @PathParam("meetingId") UUID meetingId) {
        return meetings.start(selectionId, meetingId, Caller.of(identity));
    }

    @POST
    @Path("/{meetingId}/notice-override")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN})
    @Operation(operationId = "recordMeetingNoticeOverride",
            summary = "Propose that the meeting, as it stands, may start without every committee member told in time",
            description = "Counts only once a scrutineer other than the proposer co-signs its proposal "
                    + "(POST /api/ballots/proposals/{proposalId}/cosign), and only for this version of the meeting.")
    @APIResponse(responseCode = "201", description = "Proposed: the override, counting once co-signed",
            headers = @Header(name = "Location", description = "The proposal to co-sign",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NoticeOverride.View.class)))
    public Uni<Response> recordOverride(@PathParam("id") UUID selectionId, @PathParam("meetingId") UUID meetingId,
                                        @Valid @NotNull MeetingViews.MeetingReason request) {
        return meetings.recordOverride(selectionId, meetingId, request.reason(), Caller.of(identity))
                .map(o -> Response.created(URI.create(o.proposal())).entity(o).build());
    }

    @GET
    @Path("/{meetingId}/notice-override")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE})
    @Operation(operationId = "getMeetingNoticeOverride",
            summary = "The override of the meeting as it stands, if one was recorded")
    public Uni<NoticeOverride.View> override(@PathParam("id") UUID selectionId, @PathParam("meetingId") UUID meetingId) {
        return meetings.override(selectionId, meetingId, Caller.of(identity));
    }
}
