package org.selectorate.ballot.attendance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.selectorate.ballot.selection.OneLine;

import java.util.UUID;

/** Request and response bodies of a meeting's attendance. */
public final class AttendanceViews {
    public record Attendee(@NotBlank @Size(max = 64) @OneLine String membershipNumber) {
    }

    /**
     * Counts only: who attended is for the meeting's organisers to check at the door, not for the API to list.
     *
     * @param quorum the rulebook's quorum per meeting (0 when the rulebook sets none)
     */
    public record Register(UUID meetingId, String branch, int rollVersion, long attending, int quorum,
                           boolean quorate) {
    }

    private AttendanceViews() {
    }
}
