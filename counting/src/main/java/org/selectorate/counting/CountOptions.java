package org.selectorate.counting;

import java.util.Objects;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.tie.TieBreak;

/**
 * Options common to the ranked counts, as the command line sets them.
 *
 * @param seats seats to fill, or 0 to take the number from the ballot file
 * @param tieBreak mode, or null for the method's own rule
 * @param omegaExponent Meek STV stops iterating at a surplus of 10^-omegaExponent (1..9)
 */
public record CountOptions(int seats, TieBreak.Mode tieBreak, long seed, RankRules ranking,
        boolean bulkExclusion, int omegaExponent) {

    public CountOptions {
        Objects.requireNonNull(ranking);
        if (seats < 0) {
            throw new IllegalArgumentException("seats must be positive");
        }
        if (omegaExponent < 1 || omegaExponent > 9) {
            throw new IllegalArgumentException("omega must be 1..9 (meaning 10^-1 .. 10^-9)");
        }
    }

    public static CountOptions defaults() {
        return new CountOptions(0, null, 0, RankRules.DEFAULT, false, 6);
    }
}
