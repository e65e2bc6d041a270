package org.selectorate.ballot.timetable;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the nominations and shortlist API. */
public final class NominationViews {
    /** @param candidates candidate ids of the selection, in the order they are to be listed */
    public record ShortlistRequest(@NotNull @NotEmpty @Size(max = 100) List<@NotNull String> candidates) {
    }

    public record Shortlisted(UUID id, String name) {
    }

    public record TimetableView(UUID selectionId, Instant nominationsOpenedAt, Instant nominationsClosedAt,
                                Instant shortlistedAt, String shortlistedBy, List<Shortlisted> shortlist) {
    }

    private NominationViews() {
    }
}
