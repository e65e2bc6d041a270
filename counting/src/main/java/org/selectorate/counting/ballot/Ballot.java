package org.selectorate.counting.ballot;

import java.util.Arrays;

/**
 * A group of identical ballot papers: how many there are and their marks, rank by rank. A rank may
 * be empty (skipped), hold one candidate, or hold several (an overvote, or equal preferences where
 * a rule allows them). Candidates are indices into {@link Election#candidates()};
 * {@link #UNNAMED_OVERVOTE} marks an overvote whose names were not recorded.
 */
public final class Ballot {
    /** A rank recorded only as "overvoted", with no candidate names. */
    public static final int UNNAMED_OVERVOTE = -1;

    private final long count;
    private final int[][] ranks;
    private final int hash;

    public Ballot(long count, int[][] ranks) {
        if (count <= 0) {
            throw new IllegalArgumentException("a ballot group needs a positive count, got " + count);
        }
        this.count = count;
        this.ranks = new int[ranks.length][];
        for (int r = 0; r < ranks.length; r++) {
            this.ranks[r] = ranks[r].clone();
        }
        this.hash = Arrays.deepHashCode(this.ranks);
    }

    /** A ballot with one candidate at each rank, in order. */
    public static Ballot ranking(long count, int... order) {
        int[][] ranks = new int[order.length][];
        for (int i = 0; i < order.length; i++) {
            ranks[i] = new int[] {order[i]};
        }
        return new Ballot(count, ranks);
    }

    public long count() {
        return count;
    }

    public int rankCount() {
        return ranks.length;
    }

    public int markCount(int rank) {
        return ranks[rank].length;
    }

    public int mark(int rank, int i) {
        return ranks[rank][i];
    }

    /** A copy of the marks at one rank. */
    public int[] marks(int rank) {
        return ranks[rank].clone();
    }

    public boolean isBlank() {
        for (int[] rank : ranks) {
            if (rank.length > 0) {
                return false;
            }
        }
        return true;
    }

    /** Same marks, another count. */
    public Ballot withCount(long newCount) {
        return new Ballot(newCount, ranks);
    }

    /** True when both have the same marks, whatever their counts. */
    public boolean sameMarks(Ballot other) {
        return Arrays.deepEquals(ranks, other.ranks);
    }

    int marksHash() {
        return hash;
    }

    @Override
    public String toString() {
        return count + " " + Arrays.deepToString(ranks);
    }
}
