package org.selectorate.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic rankings: candidates drawn without replacement in proportion to their support (a
 * Plackett-Luce model), and many voters stopping after one or two preferences, as real voters do.
 */
public final class Preferences {
    private final List<String> candidates;
    private final double[] support;
    private final Random random;

    public Preferences(List<String> candidates, long seed) {
        this.candidates = List.copyOf(candidates);
        this.random = new Random(seed);
        this.support = new double[candidates.size()];
        for (int i = 0; i < support.length; i++) {
            support[i] = 1.0 / (i + 1.2) + random.nextDouble() * 0.1;
        }
    }

    public List<String> next() {
        int length = 1 + random.nextInt(candidates.size());
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            left.add(i);
        }
        List<String> ranking = new ArrayList<>();
        while (ranking.size() < length) {
            double total = 0;
            for (int i : left) {
                total += support[i];
            }
            double pick = random.nextDouble() * total;
            int chosen = left.get(left.size() - 1);
            for (int i : left) {
                pick -= support[i];
                if (pick <= 0) {
                    chosen = i;
                    break;
                }
            }
            left.remove(Integer.valueOf(chosen));
            ranking.add(candidates.get(chosen));
        }
        return ranking;
    }
}
