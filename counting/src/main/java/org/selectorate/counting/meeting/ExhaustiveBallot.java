package org.selectorate.counting.meeting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.tie.TieBreak;
import org.selectorate.counting.tie.TieBreaker;

/**
 * An exhaustive ballot at a branch meeting: members vote afresh each round for one continuing
 * candidate. A candidate with more than half of the votes cast in a round is selected; otherwise
 * the candidate with fewest votes is eliminated and the meeting votes again. A tie for fewest is
 * broken by the earlier rounds (the tie-break's own order of looking back) and then by a lot.
 * Immutable: each round returns the next state.
 *
 * @param candidates ballot-paper order, fixed for the whole ballot
 */
public record ExhaustiveBallot(List<String> candidates, TieBreak tieBreak, List<Round> rounds) {

    public ExhaustiveBallot {
        candidates = List.copyOf(candidates);
        rounds = List.copyOf(rounds);
        if (candidates.size() < 2) {
            throw new IllegalArgumentException("an exhaustive ballot needs at least two candidates");
        }
    }

    public static ExhaustiveBallot start(List<String> candidates, TieBreak tieBreak) {
        return new ExhaustiveBallot(candidates, tieBreak, List.of());
    }

    /** Candidates still standing in the next round. */
    public List<String> continuing() {
        List<String> out = new ArrayList<>(candidates);
        rounds.forEach(r -> out.remove(r.eliminated()));
        return out;
    }

    public boolean decided() {
        return !rounds.isEmpty() && rounds.get(rounds.size() - 1).selected() != null;
    }

    /**
     * Records one round's votes (a continuing candidate left out has none).
     *
     * @throws IllegalStateException once someone is selected
     */
    public ExhaustiveBallot vote(Map<String, Long> votes) {
        if (decided()) {
            throw new IllegalStateException("the ballot is decided: " + rounds.get(rounds.size() - 1).selected());
        }
        List<String> live = continuing();
        for (String name : votes.keySet()) {
            if (!live.contains(name)) {
                throw new IllegalArgumentException(name + " is not a continuing candidate");
            }
        }
        Map<String, Long> tally = new LinkedHashMap<>();
        long sum = 0;
        for (String name : live) {
            long v = votes.getOrDefault(name, 0L);
            if (v < 0) {
                throw new IllegalArgumentException("votes cannot be negative: " + name);
            }
            tally.put(name, v);
            sum = Math.addExact(sum, v);
        }
        long cast = sum;
        long majority = cast / 2 + 1;
        int number = rounds.size() + 1;
        List<Round> next = new ArrayList<>(rounds);
        String top = tally.entrySet().stream().filter(e -> e.getValue() >= majority && cast > 0)
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (top != null) {
            next.add(new Round(number, tally, cast, majority, top, null,
                    top + " has " + tally.get(top) + " of " + cast + " votes cast, a majority (" + majority + " needed)"));
        } else {
            long min = tally.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            List<Integer> tied = live.stream().filter(n -> tally.get(n) == min).map(candidates::indexOf).toList();
            TieBreaker.Resolution tie = tied.size() > 1 ? breakTie(tied) : null;
            String loser = candidates.get(tie == null ? tied.get(0) : tie.candidate());
            next.add(new Round(number, tally, cast, majority, null, loser, "no majority (" + majority
                    + " of " + cast + " needed); " + loser + " has fewest votes and is eliminated"
                    + (tie == null ? "" : " (" + tie.explanation() + ")")));
        }
        return new ExhaustiveBallot(candidates, tieBreak, next);
    }

    /** Earlier rounds' votes by candidate index; the lot is drawn from Random(seed + round - 1). */
    private TieBreaker.Resolution breakTie(List<Integer> tied) {
        List<Fixed[]> history = new ArrayList<>();
        for (Round r : rounds) {
            Fixed[] row = new Fixed[candidates.size()];
            r.tallies().forEach((name, v) -> row[candidates.indexOf(name)] = Fixed.integer(v));
            history.add(row);
        }
        TieBreak rule = new TieBreak(tieBreak.mode(), tieBreak.precedence(), tieBreak.seed() + rounds.size());
        return new TieBreaker(rule, candidates).loser(tied, history);
    }

    /**
     * One round of voting.
     *
     * @param selected who has a majority, or null
     * @param eliminated who has fewest votes when nobody has a majority, or null
     */
    public record Round(int number, Map<String, Long> tallies, long votesCast, long majority,
            String selected, String eliminated, String explanation) {
        public Round {
            tallies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tallies));
        }
    }
}
