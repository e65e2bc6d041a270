package org.selectorate.verifier.check;

import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.record.BallotInfo;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.tracker.Tracker;

/**
 * Each entry is in its place and says what it should: positions 0, 1, 2, ... in order; a tracker derived from
 * its token (or paper reference) as documented; a vote that ranks only candidates, each once.
 */
public final class EntriesCheck implements EntryCheck {
    private final Findings f = new Findings("entries well-formed");

    @Override
    public void inspect(RecordFacts facts, ScannedEntry scanned) {
        BallotInfo ballot = facts.document().header().ballot();
        long i = scanned.position();
        RecordEntry e = scanned.entry();
        if (e.seq() != i) {
            f.problem(i, "position " + i + " holds an entry numbered " + e.seq()
                    + " (an entry was removed, added or moved)");
        }
        String expected = expectedTracker(ballot.id(), e);
        if (!e.tracker().equals(expected)) {
            f.problem(i, RecordFacts.label(e) + ": tracker should be " + expected);
        }
        String vote = ballot.voteProblem(e.vote());
        if (vote != null) {
            f.problem(i, RecordFacts.label(e) + ": the vote " + vote);
        }
    }

    @Override
    public CheckResult run(RecordFacts facts) {
        return f.result(facts.entryCount() + " entries in order, trackers derived, votes valid",
                "entries out of place or malformed");
    }

    private static String expectedTracker(String ballotId, RecordEntry e) {
        if (e.channel().isPaper()) {
            return Tracker.forPaper(ballotId, e.paper().batch(), e.paper().item()).value();
        }
        try {
            return Tracker.forToken(ballotId, Token.fromEncoded(e.token())).value();
        } catch (IllegalArgumentException ex) {
            return "(none: the token is not 32 bytes of base64url)";
        }
    }
}
