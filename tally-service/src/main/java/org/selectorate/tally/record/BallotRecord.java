package org.selectorate.tally.record;

import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.integrity.blind.CredentialMessage;
import org.selectorate.integrity.record.BallotInfo;
import org.selectorate.integrity.record.PublicRecord;
import org.selectorate.integrity.record.SignedTreeHead;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A ballot's record in memory, what has been signed of it and how many casts are held for it. A finished ballot
 * (its record final, counted or to be counted) has no record here: it only refuses casts.
 */
final class BallotRecord {
    final String ballotId;
    final PublicRecord record;
    final BallotInfo ballot;
    final BlindVerificationKey credentialKey;
    long signedSize;
    Instant lastHeadAt;
    boolean closed;
    long held;
    /** When this replica first held a cast still held: in memory only, so no table keeps a cast's time. */
    Instant heldSince;

    BallotRecord(String ballotId, PublicRecord record, BlindVerificationKey credentialKey, long held,
                 boolean closed) {
        this.ballotId = ballotId;
        this.record = record;
        this.ballot = record == null ? null : record.header().ballot();
        this.credentialKey = credentialKey;
        List<SignedTreeHead> heads = record == null ? List.of() : record.treeHeads();
        SignedTreeHead last = heads.isEmpty() ? null : heads.get(heads.size() - 1);
        this.signedSize = last == null ? 0 : last.head().treeSize();
        this.lastHeadAt = last == null ? Instant.EPOCH : Instant.parse(last.head().timestamp());
        this.held = held;
        // Casts held before a restart are timed from the resumption: they wait at most one more maxWait.
        this.heldSince = held > 0 ? Instant.now() : null;
        this.closed = closed;
    }

    static BallotRecord finished(String ballotId) {
        return new BallotRecord(ballotId, null, null, 0, true);
    }

    /** Why the record would refuse this cast, or null: checked before it is held, so only good casts wait. */
    String refusal(PendingCast cast) {
        try {
            String problem = ballot.voteProblem(cast.vote());
            if (problem != null) {
                return "invalid vote";
            }
            return credentialKey.verify(CredentialMessage.of(ballotId, cast.parsedToken()), cast.credential())
                    ? null : "bad credential";
        } catch (IllegalArgumentException | NullPointerException e) {
            return "malformed";
        }
    }

    void held(int more) {
        if (held == 0 && more > 0) {
            heldSince = Instant.now();
        }
        held += more;
    }

    boolean due(int minBatch, Duration maxWait, Instant now) {
        return !closed && (held >= minBatch
                || held >= 2 && !Duration.between(heldSince, now).minus(maxWait).isNegative());
    }
}
