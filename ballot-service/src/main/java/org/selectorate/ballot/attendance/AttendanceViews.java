package org.selectorate.ballot.attendance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.ballot.selection.OneLine;

import java.util.UUID;

/** Request and response bodies of a meeting's attendance. */
public final class AttendanceViews {
    public record Attendee(@Schema(example = "NW-001-000042")
                           @NotBlank @Size(max = 64) @OneLine String membershipNumber) {
    }

    /**
     * Counts only: who attended is for the meeting's organisers to check at the door, not for the API to list.
     *
     * @param quorum the rulebook's quorum per meeting (0 when the rulebook sets none)
     */
    public record Register(@Schema(example = "6e2d8f14-3a9b-4c7e-a1d5-0f8b2c9e7a36") UUID meetingId,
                           @Schema(example = "NW-001-B1") String branch,
                           @Schema(example = "2") int rollVersion,
                           @Schema(example = "31") long attending,
                           @Schema(example = "25") int quorum,
                           boolean quorate) {
    }

    private AttendanceViews() {
    }
}
