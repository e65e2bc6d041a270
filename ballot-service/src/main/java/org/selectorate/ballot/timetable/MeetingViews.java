package org.selectorate.ballot.timetable;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.ballot.selection.OneLine;

import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the meetings API. */
public final class MeetingViews {
    // Examples for the API contract: a branch's nomination meeting.
    private static final String TITLE = "NW-001-B1 nomination meeting";
    private static final String LOCATION = "Community Centre, 14 Station Road";

    /**
     * @param reason why, for a change that needs a scrutineer's co-signature (a meeting whose notice override was
     *               granted); otherwise unused
     * @param branch for a branch meeting, the branch (one of the constituency's): fixed when the meeting is
     *               scheduled; a change may repeat it but not alter it
     * @param step   the step the meeting is held for, {@code trigger} or {@code nominations}; fixed like the branch
     */
    public record MeetingRequest(@Schema(example = TITLE) @NotBlank @Size(max = 200) @OneLine String title,
                                 @Schema(example = "2026-11-12T18:30:00Z") @NotNull Instant startsAt,
                                 @Schema(example = "2026-11-12T21:00:00Z") @NotNull Instant endsAt,
                                 @Schema(example = LOCATION) @NotBlank @Size(max = 500) @OneLine String location,
                                 @Schema(example = "The hall is closed for repairs; moved to the community centre")
                                 @Size(max = 2000) String reason,
                                 @Schema(example = "NW-001-B1") @Size(max = 64) @OneLine String branch,
                                 @Schema(example = "nominations")
                                 @Pattern(regexp = "trigger|nominations", message = "must be trigger or nominations")
                                 String step) {
    }

    public record MeetingReason(@Schema(example = "The hall is closed for repairs")
                                @NotBlank @Size(max = 2000) String reason) {
    }

    public record MeetingView(@Schema(example = "6e2d8f14-3a9b-4c7e-a1d5-0f8b2c9e7a36") UUID id,
                              @Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") UUID selectionId,
                              @Schema(example = TITLE) String title,
                              @Schema(example = "2026-11-12T18:30:00Z") Instant startsAt,
                              @Schema(example = "2026-11-12T21:00:00Z") Instant endsAt,
                              @Schema(example = LOCATION) String location,
                              @Schema(example = "1") int sequence,
                              @Schema(example = "started") String status,
                              @Schema(example = "The hall is closed for repairs") String cancelReason,
                              @Schema(example = "secretary") String createdBy,
                              @Schema(example = "2026-10-20T14:00:00Z") Instant createdAt,
                              @Schema(example = "2026-10-28T09:15:00Z") Instant changedAt,
                              @Schema(example = "2026-11-05T12:00:00Z") Instant cancelledAt,
                              @Schema(example = "secretary") String startedBy,
                              @Schema(example = "2026-11-12T18:35:00Z") Instant startedAt,
                              @Schema(example = "NW-001-B1") String branch,
                              @Schema(example = "nominations") String step) {
        static MeetingView of(Meeting m) {
            return new MeetingView(m.id, m.selectionId, m.title, m.startsAt, m.endsAt, m.location, m.sequence,
                    m.status, m.cancelReason, m.createdBy, m.createdAt, m.changedAt, m.cancelledAt, m.startedBy,
                    m.startedAt, m.branch, m.step);
        }
    }

    private MeetingViews() {
    }
}
