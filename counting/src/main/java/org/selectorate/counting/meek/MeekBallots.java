package org.selectorate.counting.meek;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;

/**
 * The ballots of a Meek count and how they are counted for given keep factors. Withdrawn
 * candidates are struck from every ballot, and ballots left with no candidate are set aside (as
 * stv-rs does), so they count neither for the quota nor as exhausted. All values are longs in units
 * of 10^-9.
 */
final class MeekBallots {
    static final long ONE = 1_000_000_000L;
    /** Up to this many equal candidates, C(n-1, j) x 10^9 fits in a long. */
    private static final int LONG_RANK = 36;

    private final int candidates;
    private final int[][][] ranks;
    private final long[] counts;
    private final boolean[] tied;
    private final long total;
    private final long setAside;
    private final long[][] pascal;

    private MeekBallots(Election e) {
        candidates = e.candidateCount();
        List<int[][]> kept = new ArrayList<>();
        List<Long> n = new ArrayList<>();
        long sum = 0;
        long aside = 0;
        for (Ballot b : e.ballots()) {
            int[][] r = strike(e, b);
            if (r.length == 0) {
                aside += b.count();
                continue;
            }
            kept.add(r);
            n.add(b.count());
            sum = Math.addExact(sum, b.count());
        }
        ranks = kept.toArray(int[][][]::new);
        counts = n.stream().mapToLong(Long::longValue).toArray();
        tied = new boolean[ranks.length];
        for (int g = 0; g < ranks.length; g++) {
            for (int[] rank : ranks[g]) {
                tied[g] |= rank.length > 1;
            }
        }
        total = sum;
        setAside = aside;
        pascal = pascal(candidates);
    }

    static MeekBallots of(Election e) {
        return new MeekBallots(e);
    }

    /** Ballots counted (the "Ballots" figure of a transcript). */
    long total() {
        return total;
    }

    /** Ballots naming no candidate who stands. */
    long setAside() {
        return setAside;
    }

    /**
     * Ranks without withdrawn candidates or repeats; empty ranks dropped. An overvote recorded
     * without names ends the ballot, since nothing after it can be placed.
     */
    private static int[][] strike(Election e, Ballot b) {
        boolean[] seen = new boolean[e.candidateCount()];
        List<int[]> out = new ArrayList<>();
        for (int r = 0; r < b.rankCount(); r++) {
            int[] marks = b.marks(r);
            if (Arrays.stream(marks).anyMatch(c -> c == Ballot.UNNAMED_OVERVOTE)) {
                break;
            }
            int[] rank = Arrays.stream(marks).filter(c -> !e.isWithdrawn(c) && !seen[c]).distinct().toArray();
            for (int c : rank) {
                seen[c] = true;
            }
            if (rank.length > 0) {
                out.add(rank);
            }
        }
        return out.toArray(int[][]::new);
    }

    /** Votes per candidate and the exhausted remainder, for the given keep factors. */
    Tally count(long[] keep, boolean equalize) {
        long[] sum = new long[candidates];
        long unused = 0;
        for (int g = 0; g < ranks.length; g++) {
            long used = equalize ? equalized(g, keep, sum)
                    : tied[g] ? split(g, ONE, 0, keep, sum) : strict(g, keep, sum);
            unused = Math.addExact(unused, Math.multiplyExact(counts[g], ONE) - used);
        }
        return new Tally(sum, unused);
    }

    /** Each candidate keeps its keep factor's share and passes on power x (1 - k), rounded down. */
    private long strict(int g, long[] keep, long[] sum) {
        long power = ONE;
        long used = 0;
        for (int[] rank : ranks[g]) {
            int c = rank[0];
            used += add(sum, c, mul(power, keep[c]), counts[g]);
            power = mul(power, ONE - keep[c]);
            if (power == 0) {
                break;
            }
        }
        return used;
    }

    /**
     * Droop.py's equal rankings: the power is split evenly between the rank's candidates still in
     * the count, and each share's remainder goes to the next rank; a rank with nobody left in the
     * count ends the ballot.
     */
    private long split(int g, long power, int at, long[] keep, long[] sum) {
        if (at == ranks[g].length) {
            return 0;
        }
        int[] rank = ranks[g][at];
        long live = Arrays.stream(rank).filter(c -> keep[c] != 0).count();
        if (live == 0) {
            return 0;
        }
        long share = power / live;
        long used = 0;
        for (int c : rank) {
            if (keep[c] == 0) {
                continue;
            }
            used += add(sum, c, mul(share, keep[c]), counts[g]);
            long rest = mul(share, ONE - keep[c]);
            if (rest != 0) {
                used += split(g, rest, at + 1, keep, sum);
            }
        }
        return used;
    }

    /**
     * stv-rs's equalized counting: a rank of n equal candidates counts as the average of its n!
     * orders. Candidate i keeps power x k_i x sum_j e_j / C(n-1, j) / n, where e_j is the j-th
     * elementary symmetric polynomial of the others' (1 - k); the product of all (1 - k) passes on.
     */
    private long equalized(int g, long[] keep, long[] sum) {
        long power = ONE;
        long used = 0;
        for (int[] rank : ranks[g]) {
            if (rank.length == 1) {
                int c = rank[0];
                used += add(sum, c, mul(power, keep[c]), counts[g]);
                power = mul(power, ONE - keep[c]);
            } else {
                long[] unused = Arrays.stream(rank).mapToLong(c -> ONE - keep[c]).toArray();
                for (int i = 0; i < rank.length; i++) {
                    long w = mul(weight(unused, i), keep[rank[i]]) / rank.length;
                    used += add(sum, rank[i], mul(power, w), counts[g]);
                }
                long rest = ONE;
                for (long u : unused) {
                    rest = mul(rest, u);
                }
                power = mul(power, rest);
            }
            if (power == 0) {
                break;
            }
        }
        return used;
    }

    /** sum_j e_j / C(n-1, j), where e_j (highest degree first) are the symmetric polynomials of a without a[skip]. */
    private long weight(long[] a, int skip) {
        if (a.length > LONG_RANK) {
            return bigWeight(a, skip);
        }
        long[] row = pascal[a.length - 1];
        long[] poly = new long[a.length];
        poly[0] = ONE;
        for (int i = 0; i < a.length; i++) {
            if (i == skip || a[i] == 0) {
                continue;
            }
            long prev = poly[0];
            for (int j = 1; j < poly.length; j++) {
                long tmp = poly[j];
                poly[j] += mul(prev, a[i]);
                prev = tmp;
            }
        }
        long weight = 0;
        for (int j = 0; j < poly.length; j++) {
            weight += poly[j] / row[j];
        }
        return weight;
    }

    /** The same beyond {@link #LONG_RANK} equal candidates, where C(n-1, j) x 10^9 outgrows a long. */
    private static long bigWeight(long[] a, int skip) {
        BigInteger one = BigInteger.valueOf(ONE);
        BigInteger[] poly = new BigInteger[a.length];
        Arrays.fill(poly, BigInteger.ZERO);
        poly[0] = one;
        for (int i = 0; i < a.length; i++) {
            if (i == skip || a[i] == 0) {
                continue;
            }
            BigInteger ai = BigInteger.valueOf(a[i]);
            BigInteger prev = poly[0];
            for (int j = 1; j < poly.length; j++) {
                BigInteger tmp = poly[j];
                poly[j] = poly[j].add(prev.multiply(ai).divide(one));
                prev = tmp;
            }
        }
        BigInteger weight = BigInteger.ZERO;
        BigInteger binomial = BigInteger.ONE;
        int n = a.length - 1;
        for (int j = 0; j <= n; j++) {
            weight = weight.add(poly[j].divide(binomial));
            binomial = binomial.multiply(BigInteger.valueOf(n - j)).divide(BigInteger.valueOf(j + 1L));
        }
        return weight.longValueExact();
    }

    private static long[][] pascal(int n) {
        int rows = Math.min(n, LONG_RANK) + 1;
        long[][] out = new long[rows][rows];
        out[0][0] = 1;
        for (int i = 1; i < rows; i++) {
            out[i][0] = 1;
            for (int j = 1; j <= i; j++) {
                out[i][j] = out[i - 1][j - 1] + out[i - 1][j];
            }
        }
        return out;
    }

    /** Adds {@code power} from each of {@code count} papers; returns the votes added. */
    private static long add(long[] sum, int c, long power, long count) {
        long votes = Math.multiplyExact(power, count);
        sum[c] = Math.addExact(sum[c], votes);
        return votes;
    }

    /** a x b at 9 decimals, truncated. */
    static long mul(long a, long b) {
        return Fixed.mulDivFloor(a, b, ONE);
    }

    /** Votes per candidate and the power no candidate kept (exhausted or lost to rounding). */
    record Tally(long[] sum, long exhausted) {
    }
}
