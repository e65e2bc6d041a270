package org.selectorate.ballot.committee;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.cosign.CosignedAction;
import org.selectorate.ballot.cosign.Proposal;
import org.selectorate.ballot.timetable.Meeting;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Grants a notice override once co-signed: bound to a ballot still in draft, or to the meeting's version (its
 * sequence) while it is scheduled, so a meeting changed since the proposal cannot be granted on it.
 */
@ApplicationScoped
public class OverrideGrant implements CosignedAction {
    public static final String KIND = "notice-override";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Map<String, Object>> state(UUID targetId, Map<String, Object> change) {
        if (NoticeOverride.MEETING.equals(change.get("subject"))) {
            return Meeting.lockScheduled(targetId).map(Meeting::version);
        }
        return Ballot.<Ballot>findById(targetId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("ballot " + targetId))
                .map(b -> {
                    if (b.status != Ballot.Status.DRAFT) {
                        throw ProblemException.conflict("ballot-not-draft", "the ballot has already opened");
                    }
                    return Map.of("status", "draft");
                });
    }

    @Override
    public Uni<Map<String, Object>> execute(Proposal proposal, Map<String, Object> change, Caller cosigner) {
        return NoticeOverride.<NoticeOverride>find("proposalId", proposal.id).firstResult()
                .onItem().ifNull().failWith(() -> new IllegalStateException("no override for proposal " + proposal.id))
                .map(o -> {
                    o.cosignedBy = cosigner.name();
                    o.cosignerSubject = cosigner.subject();
                    o.cosignedAt = Instant.now();
                    Map<String, Object> granted = new HashMap<>();
                    granted.put("override", o.id.toString());
                    granted.put("sequence", o.sequence);
                    granted.put("cosignedAt", o.cosignedAt.toString());
                    return granted;
                });
    }

    /** A ballot's or a meeting's override: {@code ballot/B/notice-override} or {@code meeting/M/notice-override}. */
    @Override
    public String target(UUID targetId, Map<String, Object> change) {
        return (NoticeOverride.MEETING.equals(change.get("subject")) ? "meeting/" : "ballot/") + targetId
                + "/notice-override";
    }
}
