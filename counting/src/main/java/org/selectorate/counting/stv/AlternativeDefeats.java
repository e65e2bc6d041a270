package org.selectorate.counting.stv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * The SB 1288 reference implementation's STV alternative defeats (stv-altdefs.md): the largest
 * group of lowest continuing candidates meeting conditions 1, 2 and 3, which together guarantee
 * that defeating them at once (and deferring surplus) elects the same candidates.
 */
final class AlternativeDefeats {
    private AlternativeDefeats() {
    }

    static List<Integer> group(List<Integer> continuing, IntToLongFunction votes, long surplus,
            long threshold, int seatsLeft) {
        List<Integer> sorted = new ArrayList<>(continuing);
        sorted.sort(Comparator.comparingLong(votes::applyAsLong));
        long top = sorted.isEmpty() ? 0 : votes.applyAsLong(sorted.get(sorted.size() - 1));
        int best = 0;
        long sum = 0;
        for (int k = 1; k < sorted.size(); k++) {
            long v = votes.applyAsLong(sorted.get(k - 1));
            sum += v;
            int rest = sorted.size() - k;
            boolean c1 = rest >= seatsLeft;
            boolean c2 = sum + surplus < votes.applyAsLong(sorted.get(k));
            boolean c3 = seatsLeft == 1 || rest == seatsLeft || sum + surplus + top <= threshold
                    || surplus == 0 && sum - v + top <= threshold;
            if (c1 && c2 && c3) {
                best = k;
            }
        }
        return List.copyOf(sorted.subList(0, best));
    }
}
