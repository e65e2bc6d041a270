package org.selectorate.ballot.ballot;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.ballot.cosign.CosignedAction;
import org.selectorate.ballot.cosign.Proposal;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Closing a ballot before its closing time, once co-signed: bound to the ballot open with that closing time. The
 * close is the admin's close, under the exclusive issuance lock; {@code closedBy} is the proposer. Or, with a time in
 * the change, the close brought forward to it: the timetable closes the ballot then.
 */
@ApplicationScoped
public class EarlyClose implements CosignedAction {
    public static final String KIND = "close-ballot";
    /** The change's key for a close brought forward to a time rather than made now. */
    public static final String AT = "closesAt";

    private final BallotService ballots;

    public EarlyClose(BallotService ballots) {
        this.ballots = ballots;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Waits for the issuances in flight, as closing does, so the co-signed close counts them all. */
    @Override
    public Uni<Map<String, Object>> state(UUID targetId, Map<String, Object> change) {
        return BallotService.lockForClose(targetId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("ballot " + targetId))
                .map(b -> {
                    BallotService.requireOpen(b);
                    return Map.of("status", "open", "closesAt", b.closesAt.toString());
                });
    }

    /** Closes now, or with {@link #AT} in the change, brings the close forward to that time. */
    @Override
    public Uni<Map<String, Object>> execute(Proposal proposal, Map<String, Object> change, Caller cosigner) {
        Object at = change.get(AT);
        return Ballot.<Ballot>findById(proposal.targetId).chain(b -> at != null
                ? ballots.bringCloseForward(b, Instant.parse(at.toString()))
                : ballots.closeLocked(b, proposal.proposedBy).replaceWith(() -> BallotService.closed(b)));
    }

    @Override
    public String target(UUID targetId, Map<String, Object> change) {
        return BallotService.target(targetId);
    }
}
