package org.selectorate.counting.tie;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.selectorate.counting.arith.Fixed;

/**
 * Breaks ties during one count. A lot is drawn from one {@code java.util.Random(seed)} per count:
 * the tied names are sorted (Java string order) and the draw picks index
 * {@code floor(nextDouble() * n)} — RCTab's procedure, so a published seed reproduces every lot.
 */
public final class TieBreaker {
    private final TieBreak rule;
    private final List<String> names;
    private final Random lot;
    private int draws;

    public TieBreaker(TieBreak rule, List<String> names) {
        this.rule = rule;
        this.names = List.copyOf(names);
        this.lot = new Random(rule.seed());
        if (rule.mode() == TieBreak.Mode.ORDER) {
            for (String p : rule.precedence()) {
                if (!names.contains(p)) {
                    throw new IllegalArgumentException("tie-break order names an unknown candidate: " + p);
                }
            }
        }
    }

    /** Picks who loses among {@code tied}, given each earlier stage's tallies (null: not in count). */
    public Resolution loser(List<Integer> tied, List<Fixed[]> history) {
        return pick(tied, history, false);
    }

    /** Picks who wins among {@code tied}. */
    public Resolution winner(List<Integer> tied, List<Fixed[]> history) {
        return pick(tied, history, true);
    }

    private Resolution pick(List<Integer> tied, List<Fixed[]> history, boolean forWinner) {
        String verb = forWinner ? "wins" : "loses";
        String tiedNames = describe(tied);
        return switch (rule.mode()) {
            case RANDOM -> draw(tied, verb, tiedNames);
            case ORDER -> byOrder(tied, forWinner, verb, tiedNames);
            case BACKWARDS, FORWARDS -> byStages(tied, history, forWinner, verb, tiedNames);
        };
    }

    private Resolution byStages(List<Integer> tied, List<Fixed[]> history, boolean forWinner,
            String verb, String tiedNames) {
        List<Integer> contention = new ArrayList<>(tied);
        boolean back = rule.mode() == TieBreak.Mode.BACKWARDS;
        int n = history.size();
        for (int k = 0; k < n && contention.size() > 1; k++) {
            int stage = back ? n - 1 - k : k;
            Fixed[] tallies = history.get(stage);
            if (contention.stream().anyMatch(c -> tallies[c] == null)) {
                continue;
            }
            Comparator<Integer> byVotes = Comparator.comparing(c -> tallies[c]);
            int best = contention.stream().max(forWinner ? byVotes : byVotes.reversed()).orElseThrow();
            Fixed target = tallies[best];
            List<Integer> next = contention.stream().filter(c -> tallies[c].equals(target)).toList();
            if (next.size() < contention.size()) {
                contention = new ArrayList<>(next);
                if (contention.size() == 1) {
                    return new Resolution(contention.get(0), "tie between " + tiedNames + ": "
                            + names.get(contention.get(0)) + " " + verb + " on votes at stage "
                            + (stage + 1));
                }
            }
        }
        Resolution lotResult = draw(contention, verb, describe(contention));
        return new Resolution(lotResult.candidate(), "tie between " + tiedNames
                + " not separated by earlier stages; " + lotResult.explanation());
    }

    private Resolution byOrder(List<Integer> tied, boolean forWinner, String verb, String tiedNames) {
        List<String> order = rule.precedence();
        Comparator<Integer> rank = Comparator.comparingInt(c -> {
            int i = order.indexOf(names.get(c));
            if (i < 0) {
                throw new IllegalStateException("tie-break order does not list " + names.get(c));
            }
            return i;
        });
        int chosen = forWinner ? tied.stream().min(rank).orElseThrow() : tied.stream().max(rank).orElseThrow();
        return new Resolution(chosen, "tie between " + tiedNames + ": " + names.get(chosen) + " "
                + verb + " by the fixed tie-break order");
    }

    private Resolution draw(List<Integer> tied, String verb, String tiedNames) {
        List<Integer> sorted = new ArrayList<>(tied);
        sorted.sort(Comparator.comparing(names::get));
        // Same arithmetic as RCTab so its seeded lots reproduce; the double only picks an index.
        int index = (int) Math.floor(lot.nextDouble() * sorted.size());
        draws++;
        int chosen = sorted.get(index);
        return new Resolution(chosen, "lot between " + tiedNames + " (seed " + rule.seed()
                + ", draw " + draws + ", index " + index + " of the sorted names): "
                + names.get(chosen) + " " + verb);
    }

    private String describe(List<Integer> tied) {
        return tied.stream().map(names::get).sorted().toList().toString();
    }

    /** The chosen candidate and how the choice was made, for the report. */
    public record Resolution(int candidate, String explanation) {
    }
}
