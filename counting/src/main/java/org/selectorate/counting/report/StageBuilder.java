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

    public List<String> elected() {
        return List.copyOf(elected);
    }

    /** Transfer targets are listed in tally order, then inactive reasons by name: ballot order never shows. */
    public Stage build() {
        List<String> order = new ArrayList<>(tallies.keySet());
        Map<String, Map<String, Fixed>> sorted = new LinkedHashMap<>();
        transfers.forEach((from, to) -> {
            Map<String, Fixed> m = new LinkedHashMap<>();
            to.keySet().stream().sorted(java.util.Comparator
                    .comparingInt((String k) -> order.contains(k) ? order.indexOf(k) : order.size())
                    .thenComparing(k -> k)).forEach(k -> m.put(k, to.get(k)));
            sorted.put(from, m);
        });
        return new Stage(number, action, tallies, threshold, inactive, sorted, elected, excluded, notes);
    }
}
