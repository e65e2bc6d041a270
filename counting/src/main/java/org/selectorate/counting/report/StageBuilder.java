package org.selectorate.counting.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selectorate.counting.arith.Fixed;

/** Collects one stage while a count runs; transfers arrive when the next stage is tallied. */
public final class StageBuilder {
    private final int number;
    private String action = "";
    private final Map<String, Fixed> tallies = new LinkedHashMap<>();
    private Fixed threshold;
    private final Map<String, Fixed> inactive = new LinkedHashMap<>();
    private final Map<String, Map<String, Fixed>> transfers = new LinkedHashMap<>();
    private final List<String> elected = new ArrayList<>();
    private final List<String> excluded = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, ChannelTally> channels = new LinkedHashMap<>();

    public StageBuilder(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public String action() {
        return action;
    }

    public StageBuilder action(String text) {
        this.action = text;
        return this;
    }

    public StageBuilder tally(String candidate, Fixed votes) {
        tallies.put(candidate, votes);
        return this;
    }

    public StageBuilder threshold(Fixed value) {
        this.threshold = value;
        return this;
    }

    public StageBuilder inactive(String reason, Fixed votes) {
        inactive.put(reason, votes);
        return this;
    }

    public StageBuilder transfer(String from, String to, Fixed votes) {
        transfers.computeIfAbsent(from, k -> new LinkedHashMap<>()).merge(to, votes, Fixed::plus);
        return this;
    }

    public StageBuilder elect(String candidate) {
        elected.add(candidate);
        return this;
    }

    /** Records an exclusion; its transfers (possibly none) are listed under its name. */
    public StageBuilder exclude(String candidate) {
        excluded.add(candidate);
        transfers.computeIfAbsent(candidate, k -> new LinkedHashMap<>());
        return this;
    }

    public StageBuilder note(String text) {
        notes.add(text);
        return this;
    }

    /** One channel's share of this stage's figures (replacing any given before). */
    public StageBuilder channel(String channel, ChannelTally share) {
        channels.put(channel, share);
        return this;
    }

    /** The figures tallied so far, candidates in ballot-paper order. */
    public Map<String, Fixed> tallies() {
        return java.util.Collections.unmodifiableMap(tallies);
    }

    public Map<String, Fixed> inactive() {
        return java.util.Collections.unmodifiableMap(inactive);
    }

    public List<String> elected() {
        return List.copyOf(elected);
    }

    /**
     * Transfer targets are listed in tally order, then inactive reasons by name: ballot order never shows.
     *
     * @throws IllegalStateException if the channels' shares do not sum to the stage's figures
     */
    public Stage build() {
        if (!channels.isEmpty()) {
            sumsTo(tallies, channels.values().stream().map(ChannelTally::tallies).toList());
            sumsTo(inactive, channels.values().stream().map(ChannelTally::inactive).toList());
        }
        List<String> order = new ArrayList<>(tallies.keySet());
        Map<String, Map<String, Fixed>> sorted = new LinkedHashMap<>();
        transfers.forEach((from, to) -> {
            Map<String, Fixed> m = new LinkedHashMap<>();
            to.keySet().stream().sorted(java.util.Comparator
                    .comparingInt((String k) -> order.contains(k) ? order.indexOf(k) : order.size())
                    .thenComparing(k -> k)).forEach(k -> m.put(k, to.get(k)));
            sorted.put(from, m);
        });
        return new Stage(number, action, tallies, threshold, inactive, sorted, elected, excluded, notes, channels);
    }

    private static void sumsTo(Map<String, Fixed> whole, List<Map<String, Fixed>> parts) {
        for (Map<String, Fixed> part : parts) {
            if (!part.keySet().equals(whole.keySet())) {
                throw new IllegalStateException("a channel's figures name " + part.keySet() + ", the stage's "
                        + whole.keySet());
            }
        }
        whole.forEach((key, value) -> {
            Fixed sum = Fixed.zero(value.scale());
            for (Map<String, Fixed> part : parts) {
                sum = sum.plus(part.get(key));
            }
            if (sum.compareTo(value) != 0 || sum.scale() != value.scale()) {
                throw new IllegalStateException("the channels' " + key + " sum to " + sum + ", not " + value);
            }
        });
    }
}
