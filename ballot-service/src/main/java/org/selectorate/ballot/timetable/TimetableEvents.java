package org.selectorate.ballot.timetable;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.TimetableEvent;
import org.selectorate.support.outbox.Outbox;

import java.time.Instant;
import java.util.UUID;

/** Announces a timetable step, keyed by selection so it follows the committee's events. */
@ApplicationScoped
class TimetableEvents {
    private final Outbox outbox;

    TimetableEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    Uni<Void> emit(UUID selectionId, String kind, Instant at, String summary, TimetableEvent.Meeting meeting) {
        return outbox.record(Topics.BALLOTS, selectionId.toString(), TimetableEvent.TYPE,
                new TimetableEvent(selectionId.toString(), null, kind, at, summary, meeting)).replaceWithVoid();
    }
}
