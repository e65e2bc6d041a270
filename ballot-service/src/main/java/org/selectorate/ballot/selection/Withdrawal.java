package org.selectorate.ballot.selection;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.selectorate.ballot.ballot.Ballot;
import org.selectorate.ballot.cosign.CosignedAction;
import org.selectorate.ballot.cosign.Proposal;
import org.selectorate.contracts.Topics;
import org.selectorate.contracts.ballot.CandidateWithdrawn;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.outbox.Outbox;
import org.selectorate.support.problem.ProblemException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A candidate's withdrawal. Before the ballot opens an admin records it alone; once it is open, the paper is
 * fixed and a withdrawal changes what the count does with it, so it is a proposal co-signed by a scrutineer, bound
 * to the candidate standing and the ballot open.
 */
@ApplicationScoped
public class Withdrawal implements CosignedAction {
    public static final String KIND = "withdraw-candidate";

    private final Outbox outbox;

    public Withdrawal(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Uni<Map<String, Object>> state(UUID targetId, Map<String, Object> change) {
        return Candidate.<Candidate>findById(targetId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("candidate " + targetId))
                .chain(c -> Ballot.finalOf(c.selectionId).map(b -> {
                    requireWithdrawable(c, b);
                    Map<String, Object> state = new HashMap<>();
                    state.put("candidate", c.name);
                    state.put("ballot", b == null ? null : b.id.toString());
                    state.put("ballotStatus", b == null ? null : b.status.name().toLowerCase());
                    return state;
                }));
    }

    @Override
    public Uni<Map<String, Object>> execute(Proposal proposal, Map<String, Object> change, Caller cosigner) {
        return Candidate.<Candidate>findById(proposal.targetId).chain(this::withdraw);
    }

    @Override
    public String target(UUID targetId, Map<String, Object> change) {
        return target(targetId);
    }

    /** How the audit log names a candidate, below its selection. */
    static String target(UUID candidateId) {
        return "candidate/" + candidateId;
    }

    /** A candidate standing, as the audit log keeps the state a withdrawal changes. */
    static Map<String, Object> standing(Candidate c) {
        Map<String, Object> m = new HashMap<>();
        m.put("candidate", c.name);
        m.put("withdrawnAt", null);
        return m;
    }

    /** 409 once the ballot has closed or if the candidate has already withdrawn. */
    static void requireWithdrawable(Candidate c, Ballot ballot) {
        if (ballot != null && ballot.status == Ballot.Status.CLOSED) {
            throw ProblemException.conflict("ballot-closed",
                    "the ballot has closed; a withdrawal can no longer be recorded");
        }
        if (c.withdrawnAt != null) {
            throw ProblemException.conflict("already-withdrawn", c.name + " has already withdrawn");
        }
    }

    /** Records the withdrawal and announces it ({@link CandidateWithdrawn}); answers it as the audit log keeps it. */
    Uni<Map<String, Object>> withdraw(Candidate c) {
        c.withdrawnAt = Instant.now();
        return outbox.record(Topics.BALLOTS, c.selectionId.toString(), CandidateWithdrawn.TYPE,
                        new CandidateWithdrawn(c.selectionId.toString(), c.id.toString(), c.name, c.withdrawnAt))
                .replaceWith(() -> Map.<String, Object>of("candidate", c.name, "withdrawnAt", c.withdrawnAt.toString()));
    }
}
