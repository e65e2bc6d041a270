package org.selectorate.counting.simple;

import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;

/**
 * A yes/no vote decided by a simple majority of the votes cast: carried when yes is more than no.
 * Abstentions are reported but are not votes cast, so they neither help nor hinder; a tie is not
 * a majority, so the motion falls.
 *
 * @param spoilt papers marking both yes and no, or an unnamed overvote: not votes cast either
 */
public record YesNo(long yes, long no, long abstentions, long spoilt) {

    public YesNo {
        if (yes < 0 || no < 0 || abstentions < 0 || spoilt < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** Reads a ballot file whose two candidates are yes (first) and no (second); a blank paper abstains. */
    public static YesNo of(Election e) {
        if (e.candidateCount() != 2) {
            throw new IllegalArgumentException("a yes/no vote has exactly two options, yes then no");
        }
        long[] n = new long[4];
        for (Ballot b : e.ballots()) {
            java.util.Set<Integer> marks = new java.util.HashSet<>();
            for (int r = 0; r < b.rankCount(); r++) {
                for (int i = 0; i < b.markCount(r); i++) {
                    marks.add(b.mark(r, i));
                }
            }
            int slot = marks.isEmpty() ? 2 : marks.size() > 1 ? 3 : marks.contains(0) ? 0 : 1;
            n[slot] = Math.addExact(n[slot], b.count());
        }
        return new YesNo(n[0], n[1], n[2], n[3]);
    }

    public long votesCast() {
        return Math.addExact(yes, no);
    }

    public boolean carried() {
        return yes > no;
    }

    /** One line a chair can read out. */
    public String explanation() {
        return (carried() ? "carried" : "not carried") + ": yes " + yes + ", no " + no + " of "
                + votesCast() + " votes cast (" + (carried() ? "yes is a majority"
                : yes == no ? "a tie is not a majority" : "no is at least as many as yes")
                + "); abstentions " + abstentions + ", spoilt " + spoilt + " (not votes cast)";
    }
}
