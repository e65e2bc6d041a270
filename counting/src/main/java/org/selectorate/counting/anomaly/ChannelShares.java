package org.selectorate.counting.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Flags a candidate whose share of first preferences in one channel differs from their share in the other
 * channels by more than chance explains. First, a chi-square test of homogeneity over candidates x channels
 * (channels with at least {@value #MIN_CHANNEL_VOTES} first preferences; candidates with at least one); only if
 * it gives p &lt; {@value #THRESHOLD}, then for each candidate and channel a two-proportion z-test (pooled) of
 * the candidate's share in that channel against their share in the other channels together. A pair is flagged
 * when its p-value, Bonferroni-corrected for the number of pairs tested, is below {@value #THRESHOLD} AND the
 * shares differ by at least {@value #MIN_DIFFERENCE_POINTS} percentage points, so that large channels with
 * trivial differences do not flag.
 */
public final class ChannelShares {
    public static final double THRESHOLD = 0.001;
    public static final int MIN_DIFFERENCE_POINTS = 10;
    /** Below this the normal approximation of the tests is unsafe, so the channel is left out. */
    public static final long MIN_CHANNEL_VOTES = 30;

    private ChannelShares() {
    }

    /**
     * @param firstPreferences per channel, each candidate's first preferences (blank papers left out)
     * @return the flags, by candidate then channel (names in String order)
     */
    public static List<AnomalyFlag> flags(Map<String, Map<String, Long>> firstPreferences) {
        Map<String, Map<String, Long>> table = new TreeMap<>();
        TreeSet<String> candidates = new TreeSet<>();
        firstPreferences.forEach((channel, votes) -> {
            if (votes.values().stream().mapToLong(Long::longValue).sum() >= MIN_CHANNEL_VOTES) {
                table.put(channel, votes);
                votes.forEach((c, n) -> {
                    if (n > 0) {
                        candidates.add(c);
                    }
                });
            }
        });
        if (table.size() < 2 || candidates.size() < 2) {
            return List.of();
        }
        Map<String, Long> channelTotal = new TreeMap<>();
        Map<String, Long> candidateTotal = new TreeMap<>();
        long total = 0;
        for (var row : table.entrySet()) {
            for (String c : candidates) {
                long n = row.getValue().getOrDefault(c, 0L);
                channelTotal.merge(row.getKey(), n, Long::sum);
                candidateTotal.merge(c, n, Long::sum);
                total += n;
            }
        }
        double chi = 0;
        for (var row : table.entrySet()) {
            for (String c : candidates) {
                double expected = (double) channelTotal.get(row.getKey()) * candidateTotal.get(c) / total;
                double d = row.getValue().getOrDefault(c, 0L) - expected;
                chi += d * d / expected;
            }
        }
        int df = (table.size() - 1) * (candidates.size() - 1);
        double overall = Stats.chiSquareTail(chi, df);
        if (overall >= THRESHOLD) {
            return List.of();
        }
        int tests = table.size() * candidates.size();
        List<AnomalyFlag> flags = new ArrayList<>();
        for (String c : candidates) {
            for (String channel : table.keySet()) {
                long x1 = table.get(channel).getOrDefault(c, 0L);
                long n1 = channelTotal.get(channel);
                long x2 = candidateTotal.get(c) - x1;
                long n2 = total - n1;
                double p1 = (double) x1 / n1;
                double p2 = (double) x2 / n2;
                double pooled = (double) (x1 + x2) / (n1 + n2);
                double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
                double p = se == 0 ? 1 : Stats.bonferroni(Stats.normalTwoSided((p1 - p2) / se), tests);
                double points = 100 * Math.abs(p1 - p2);
                if (p < THRESHOLD && points >= MIN_DIFFERENCE_POINTS) {
                    flags.add(new AnomalyFlag(AnomalyFlag.CHANNEL_SHARE, c + " / " + channel, String.format(
                            Locale.ROOT, "%s has %s of first preferences among %s votes (%d of %d) against %s in "
                                    + "the other channels (%d of %d), a difference of %.1f points: p = %s after "
                                    + "Bonferroni correction for %d comparisons (chi-square %.2f, %d df, p = %s).",
                            c, Stats.percent(p1), channel, x1, n1, Stats.percent(p2), x2, n2, points, Stats.p(p),
                            tests, chi, df, Stats.p(overall)), p, THRESHOLD));
                }
            }
        }
        return List.copyOf(flags);
    }
}
