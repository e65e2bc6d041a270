package org.selectorate.counting.report;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.selectorate.counting.arith.Fixed;

/**
 * Keeps, beside a count's tallies, each candidate's votes split by the channel of the papers that make them up:
 * every paper carries its current value, so when a ballot group moves its votes move under its channel. The one
 * figure no paper carries is what an elected candidate keeps once their surplus has gone (the quota): it is split
 * between channels in proportion to the votes by channel the candidate held just before (largest remainder, ties
 * to the channel first by name), and what each channel held beyond its share is that channel's part of the
 * residual surplus or non-transferable difference. Whole units of the count's arithmetic throughout, so the
 * channels sum exactly to the stage's figures ({@link StageBuilder#build()} checks it).
 */
public final class ChannelLedger {
    private final List<String> channels;
    private final int[] channelOf;
    private final int scale;
    private final long[][] held;
    private final Map<String, long[]> inactive = new HashMap<>();

    private ChannelLedger(List<String> groupChannels, int candidates, int scale) {
        this.channels = List.copyOf(new TreeSet<>(groupChannels));
        this.channelOf = groupChannels.stream().mapToInt(channels::indexOf).toArray();
        this.scale = scale;
        this.held = new long[candidates][channels.size()];
    }

    /**
     * A ledger for ballot groups with these channels (one per group, in the election's order), or null when the
     * ballots have none.
     *
     * @param scale decimals of the count's arithmetic
     */
    public static ChannelLedger of(List<String> groupChannels, int groups, int candidates, int scale) {
        if (groupChannels == null) {
            return null;
        }
        if (groupChannels.size() != groups) {
            throw new IllegalArgumentException("one channel per ballot group: " + groupChannels.size() + " for "
                    + groups + " groups");
        }
        return new ChannelLedger(groupChannels, candidates, scale);
    }

    /** Group {@code group}'s papers bring {@code votes} to a candidate. */
    public void add(int candidate, int group, long votes) {
        held[candidate][channelOf[group]] += votes;
    }

    /** Group {@code group}'s papers take {@code votes} from a candidate. */
    public void take(int candidate, int group, long votes) {
        held[candidate][channelOf[group]] -= votes;
    }

    /** Group {@code group}'s papers become inactive for {@code reason}. */
    public void inactive(String reason, int group, long votes) {
        inactive.computeIfAbsent(reason, k -> new long[channels.size()])[channelOf[group]] += votes;
    }

    /**
     * An elected candidate keeps {@code kept} (the quota) once their surplus has gone: each channel keeps its
     * proportional share and the rest of what it held goes to {@code lost} (residual surplus, non-transferable
     * difference).
     */
    public void settle(int candidate, long kept, String lost) {
        long[] h = held[candidate];
        long total = 0;
        for (long v : h) {
            total += v;
        }
        if (kept > total || kept < 0) {
            throw new IllegalStateException("a candidate cannot keep " + kept + " of " + total);
        }
        if (total == 0) {
            return;
        }
        long[] share = new long[h.length];
        BigInteger[] remainder = new BigInteger[h.length];
        long given = 0;
        for (int ch = 0; ch < h.length; ch++) {
            BigInteger[] qr = BigInteger.valueOf(h[ch]).multiply(BigInteger.valueOf(kept))
                    .divideAndRemainder(BigInteger.valueOf(total));
            share[ch] = qr[0].longValueExact();
            remainder[ch] = qr[1];
            given += share[ch];
        }
        List<Integer> byRemainder = new ArrayList<>();
        for (int ch = 0; ch < h.length; ch++) {
            byRemainder.add(ch);
        }
        byRemainder.sort(Comparator.comparing((Integer ch) -> remainder[ch]).reversed()
                .thenComparing(ch -> ch));
        for (int i = 0; given < kept; i++, given++) {
            share[byRemainder.get(i)]++;
        }
        long[] out = inactive.computeIfAbsent(lost, k -> new long[channels.size()]);
        for (int ch = 0; ch < h.length; ch++) {
            out[ch] += h[ch] - share[ch];
            h[ch] = share[ch];
        }
    }

    /**
     * Writes each channel's share of the stage's tallies and inactive figures, as the stage holds them now.
     *
     * @param names the candidates, indexed as the count indexes them
     */
    public void record(StageBuilder stage, List<String> names) {
        Map<String, Map<String, Fixed>> tallies = new LinkedHashMap<>();
        Map<String, Map<String, Fixed>> lost = new LinkedHashMap<>();
        for (String ch : channels) {
            tallies.put(ch, new LinkedHashMap<>());
            lost.put(ch, new LinkedHashMap<>());
        }
        stage.tallies().forEach((name, votes) -> {
            long[] h = held[names.indexOf(name)];
            for (int ch = 0; ch < channels.size(); ch++) {
                tallies.get(channels.get(ch)).put(name, new Fixed(h[ch], scale));
            }
        });
        stage.inactive().forEach((reason, votes) -> {
            long[] h = inactive.getOrDefault(reason, new long[channels.size()]);
            for (int ch = 0; ch < channels.size(); ch++) {
                lost.get(channels.get(ch)).put(reason, new Fixed(h[ch], scale));
            }
        });
        for (String ch : channels) {
            stage.channel(ch, new ChannelTally(tallies.get(ch), lost.get(ch)));
        }
    }
}
