package org.selectorate.counting.rank;

/**
 * How a ranked ballot is read: what an overvote does, how many consecutive skipped ranks are
 * tolerated, what a repeated candidate does, and (optionally) how many ranks a voter may fill, which
 * only decides whether an exhausted ballot is reported as an abstention.
 *
 * @param maxSkipped consecutive skipped ranks allowed, or {@link #UNLIMITED}
 * @param maxRankings ranks a voter may fill, or {@link #UNLIMITED}
 */
public record RankRules(Overvote overvote, int maxSkipped, Duplicates duplicates, int maxRankings) {
    public static final int UNLIMITED = -1;

    /** Skip empty ranks freely, exhaust at an overvote, pass over repeats. */
    public static final RankRules DEFAULT =
            new RankRules(Overvote.EXHAUST, UNLIMITED, Duplicates.SKIP, UNLIMITED);

    public RankRules {
        java.util.Objects.requireNonNull(overvote);
        java.util.Objects.requireNonNull(duplicates);
        if (maxSkipped < UNLIMITED || maxRankings < UNLIMITED || maxRankings == 0) {
            throw new IllegalArgumentException("maxSkipped/maxRankings must be positive or UNLIMITED");
        }
    }

    public enum Overvote {
        /** The ballot becomes inactive at the overvoted rank. */
        EXHAUST,
        /** The overvoted rank is passed over. */
        SKIP,
        /** Inactive only if two or more of the marked candidates are still continuing. */
        EXHAUST_IF_MULTIPLE
    }

    public enum Duplicates {
        /** A repeated candidate is passed over. */
        SKIP,
        /** The ballot becomes inactive at the repeat. */
        EXHAUST
    }
}
