package org.selectorate.ballot.attendance;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;

import java.util.UUID;

@Path("/api/ballots/selections/{id}/meetings/{meetingId}/attendance")
@Tag(name = "timetable")
public class AttendanceResource {
    private final AttendanceService attendance;
    private final SecurityIdentity identity;

    public AttendanceResource(AttendanceService attendance, SecurityIdentity identity) {
        this.attendance = attendance;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY})
    @Operation(operationId = "registerAttendance",
            summary = "Register a member's attendance at a started meeting, checked against the frozen roll",
            description = "409 not-on-roll, other-branch (a branch meeting admits only its branch's electors), "
                    + "already-attending, meeting-not-started; nothing is registered then")
    public Uni<AttendanceViews.Register> attend(@PathParam("id") UUID selectionId,
                                                @PathParam("meetingId") UUID meetingId,
                                                @Valid @NotNull AttendanceViews.Attendee attendee) {
        return attendance.attend(selectionId, meetingId, attendee.membershipNumber(), Caller.of(identity));
    }

    @GET
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER, Roles.CANDIDATE, Roles.INTEGRATION})
    @Operation(operationId = "getAttendanceRegister",
            summary = "How many attend the meeting, and whether the rulebook's quorum is met (counts only)")
    public Uni<AttendanceViews.Register> register(@PathParam("id") UUID selectionId,
                                                  @PathParam("meetingId") UUID meetingId) {
        return attendance.register(selectionId, meetingId, Caller.of(identity));
    }
}
