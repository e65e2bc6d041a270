package org.selectorate.counting.av;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;
import org.selectorate.counting.arith.Fixed;

/**
 * ERS bulk exclusion: the largest group of lowest candidates whose combined votes are below the
 * votes of the next candidate up. None of them could overtake that candidate even with all the
 * others' transfers, so excluding them together cannot change the result.
 */
public final class BulkExclusion {
    private BulkExclusion() {
    }

    /**
     * The candidates to exclude together, or an empty list when fewer than two qualify. At least
     * {@code keep} candidates always remain.
     */
    public static List<Integer> select(List<Integer> continuing, IntFunction<Fixed> votes, int keep) {
        List<Integer> sorted = new ArrayList<>(continuing);
        sorted.sort(Comparator.comparing(votes::apply));
        Fixed sum = null;
        int cut = -1;
        for (int i = 0; i + 1 < sorted.size(); i++) {
            Fixed v = votes.apply(sorted.get(i));
            sum = sum == null ? v : sum.plus(v);
            if (sorted.size() - (i + 1) >= keep && sum.compareTo(votes.apply(sorted.get(i + 1))) < 0) {
                cut = i;
            }
        }
        return cut >= 1 ? List.copyOf(sorted.subList(0, cut + 1)) : List.of();
    }
}
