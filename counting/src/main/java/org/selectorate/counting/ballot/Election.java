package org.selectorate.counting.ballot;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a count needs: the candidates in ballot-paper order, the number of seats, candidates who
 * withdrew after papers were issued (excluded before the first stage) and the ballot groups.
 * Identical ballots are merged, so memory grows with distinct ballots, not with ballots.
 */
public record Election(String title, List<String> candidates, int seats, Set<String> withdrawn,
        List<Ballot> ballots) {

    public Election {
        candidates = List.copyOf(candidates);
        withdrawn = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(withdrawn));
        ballots = List.copyOf(ballots);
        if (seats < 1) {
            throw new IllegalArgumentException("seats must be at least 1, got " + seats);
        }
        if (new java.util.HashSet<>(candidates).size() != candidates.size()) {
            throw new IllegalArgumentException("candidate names must be distinct");
        }
        for (String w : withdrawn) {
            if (!candidates.contains(w)) {
                throw new IllegalArgumentException("withdrawn candidate is not standing: " + w);
            }
        }
        for (Ballot b : ballots) {
            for (int r = 0; r < b.rankCount(); r++) {
                for (int i = 0; i < b.markCount(r); i++) {
                    int c = b.mark(r, i);
                    if (c != Ballot.UNNAMED_OVERVOTE && (c < 0 || c >= candidates.size())) {
                        throw new IllegalArgumentException("ballot names an unknown candidate: " + c);
                    }
                }
            }
        }
    }

    /** Builds an election, merging ballot groups with the same marks. */
    public static Election of(String title, List<String> candidates, int seats,
            Set<String> withdrawn, List<Ballot> ballots) {
        return new Election(title, candidates, seats, withdrawn, merge(ballots));
    }

    public int candidateCount() {
        return candidates.size();
    }

    public int indexOf(String name) {
        int i = candidates.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown candidate: " + name);
        }
        return i;
    }

    public boolean isWithdrawn(int candidate) {
        return withdrawn.contains(candidates.get(candidate));
    }

    public long totalBallots() {
        long total = 0;
        for (Ballot b : ballots) {
            total = Math.addExact(total, b.count());
        }
        return total;
    }

    /** Merges groups with identical marks, keeping first-seen order (so output is deterministic). */
    public static List<Ballot> merge(List<Ballot> ballots) {
        BallotPile pile = new BallotPile();
        ballots.forEach(pile::add);
        return pile.ballots();
    }
}
