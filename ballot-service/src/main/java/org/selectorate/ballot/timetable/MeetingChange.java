package org.selectorate.ballot.timetable;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.cosign.CosignedAction;
import org.selectorate.ballot.cosign.Proposal;
import org.selectorate.support.caller.Caller;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** A change to a meeting whose notice override was granted, once co-signed: bound to the meeting's version. */
@ApplicationScoped
public class MeetingChange implements CosignedAction {
    public static final String KIND = "change-meeting";

    private final MeetingService meetings;

    public MeetingChange(MeetingService meetings) {
        this.meetings = meetings;
    }

    /** The meeting as the change would make it, as it will be kept (stripped, to the second). */
    static Map<String, Object> change(MeetingViews.MeetingRequest request) {
        return Map.of("title", request.title().strip(),
                "startsAt", request.startsAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                "endsAt", request.endsAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                "location", request.location().strip());
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Map<String, Object>> state(UUID targetId, Map<String, Object> change) {
        return Meeting.lockScheduled(targetId).map(Meeting::version);
    }

    /** The times are checked again: a start that has passed while the proposal waited is refused (400). */
    @Override
    public Uni<Map<String, Object>> execute(Proposal proposal, Map<String, Object> change, Caller cosigner) {
        Instant now = Instant.now();
        MeetingViews.MeetingRequest request = new MeetingViews.MeetingRequest((String) change.get("title"),
                Instant.parse((String) change.get("startsAt")), Instant.parse((String) change.get("endsAt")),
                (String) change.get("location"), proposal.reason, null, null);
        return MeetingService.validate(request, now)
                .chain(() -> Meeting.<Meeting>findById(proposal.targetId))
                .chain(m -> meetings.applyChange(m, request, now).replaceWith(() -> m.audited()));
    }

    @Override
    public String target(UUID targetId, Map<String, Object> change) {
        return Meeting.target(targetId);
    }
}
