package org.selectorate.ballot.timetable;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.cosign.CosignedAction;
import org.selectorate.ballot.cosign.Proposal;
import org.selectorate.support.caller.Caller;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The cancellation of a meeting whose notice override was granted, once co-signed: bound to the meeting's version.
 * The proposal's reason is the cancellation's, as the committee is told it.
 */
@ApplicationScoped
public class MeetingCancellation implements CosignedAction {
    public static final String KIND = "cancel-meeting";

    private final MeetingService meetings;

    public MeetingCancellation(MeetingService meetings) {
        this.meetings = meetings;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Map<String, Object>> state(UUID targetId, Map<String, Object> change) {
        return Meeting.lockScheduled(targetId).map(Meeting::version);
    }

    @Override
    public Uni<Map<String, Object>> execute(Proposal proposal, Map<String, Object> change, Caller cosigner) {
        return Meeting.<Meeting>findById(proposal.targetId)
                .chain(m -> meetings.applyCancel(m, proposal.reason, Instant.now()).replaceWith(() -> m.audited()));
    }

    @Override
    public String target(UUID targetId, Map<String, Object> change) {
        return Meeting.target(targetId);
    }
}
