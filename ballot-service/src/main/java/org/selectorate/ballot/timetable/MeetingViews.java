package org.selectorate.ballot.timetable;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.selectorate.ballot.selection.OneLine;

import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the meetings API. */
public final class MeetingViews {
    /**
     * @param reason why, for a change that needs a scrutineer's co-signature (a meeting whose notice override was
     *               granted); otherwise unused
     * @param branch for a branch meeting, the branch (one of the constituency's): fixed when the meeting is
     *               scheduled; a change may repeat it but not alter it
     * @param step   the step the meeting is held for, {@code trigger} or {@code nominations}; fixed like the branch
     */
    public record MeetingRequest(@NotBlank @Size(max = 200) @OneLine String title, @NotNull Instant startsAt,
                                 @NotNull Instant endsAt, @NotBlank @Size(max = 500) @OneLine String location,
                                 @Size(max = 2000) String reason, @Size(max = 64) @OneLine String branch,
                                 @Pattern(regexp = "trigger|nominations", message = "must be trigger or nominations")
                                 String step) {
    }

    public record Reason(@NotBlank @Size(max = 2000) String reason) {
    }

    public record MeetingView(UUID id, UUID selectionId, String title, Instant startsAt, Instant endsAt,
                              String location, int sequence, String status, String cancelReason, String createdBy,
                              Instant createdAt, Instant changedAt, Instant cancelledAt, String startedBy,
                              Instant startedAt, String branch, String step) {
        static MeetingView of(Meeting m) {
            return new MeetingView(m.id, m.selectionId, m.title, m.startsAt, m.endsAt, m.location, m.sequence,
                    m.status, m.cancelReason, m.createdBy, m.createdAt, m.changedAt, m.cancelledAt, m.startedBy,
                    m.startedAt, m.branch, m.step);
        }
    }

    private MeetingViews() {
    }
}
