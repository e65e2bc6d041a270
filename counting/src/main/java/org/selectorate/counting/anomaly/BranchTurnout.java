package org.selectorate.counting.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flags a branch whose turnout is far from the other branches'. Branches with fewer than
 * {@value #MIN_ELECTORS} electors are left out (a few members make any turnout). Each remaining branch is tested
 * against the turnout of the other remaining branches together: an exact two-sided binomial test of its marked
 * members out of its electors at the others' rate. It is flagged when the p-value, Bonferroni-corrected for the
 * number of branches tested, is below {@value #THRESHOLD} AND its turnout differs from the others' by at least
 * {@value #MIN_DIFFERENCE_POINTS} percentage points.
 */
public final class BranchTurnout {
    public static final double THRESHOLD = 0.001;
    public static final int MIN_DIFFERENCE_POINTS = 10;
    public static final long MIN_ELECTORS = 50;

    private BranchTurnout() {
    }

    /** @return the flags, by branch name (String order) */
    public static List<AnomalyFlag> flags(Map<String, Turnout> byBranch) {
        Map<String, Turnout> tested = new TreeMap<>();
        byBranch.forEach((branch, t) -> {
            if (t.electors() >= MIN_ELECTORS) {
                tested.put(branch, t);
            }
        });
        if (tested.size() < 2) {
            return List.of();
        }
        long electors = tested.values().stream().mapToLong(Turnout::electors).sum();
        long marked = tested.values().stream().mapToLong(Turnout::marked).sum();
        List<AnomalyFlag> flags = new ArrayList<>();
        tested.forEach((branch, t) -> {
            long restElectors = electors - t.electors();
            long restMarked = marked - t.marked();
            double rest = (double) restMarked / restElectors;
            double own = (double) t.marked() / t.electors();
            double points = 100 * Math.abs(own - rest);
            if (points < MIN_DIFFERENCE_POINTS) {
                return;
            }
            double p = Stats.bonferroni(Stats.binomialTwoSided(t.marked(), t.electors(), rest), tested.size());
            if (p < THRESHOLD) {
                flags.add(new AnomalyFlag(AnomalyFlag.BRANCH_TURNOUT, branch, String.format(Locale.ROOT,
                        "%s: %d of %d electors voted (%s) against %s in the other branches (%d of %d), a difference "
                                + "of %.1f points: p = %s after Bonferroni correction for %d branches.",
                        branch, t.marked(), t.electors(), Stats.percent(own), Stats.percent(rest), restMarked,
                        restElectors, points, Stats.p(p), tested.size()), p, THRESHOLD));
            }
        });
        return List.copyOf(flags);
    }
}
