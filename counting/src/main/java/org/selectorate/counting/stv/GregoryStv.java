package org.selectorate.counting.stv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.rank.Inactive;
import org.selectorate.counting.rank.Preference;
import org.selectorate.counting.report.ChannelLedger;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.report.StageBuilder;
import org.selectorate.counting.tie.TieBreaker;

/**
 * Weighted inclusive Gregory STV (Scottish rules, or SB 1288 with {@link GregoryRules#sb1288}).
 * Values are fixed-point longs in units of 10^-decimals. Each stage tallies, elects whoever has
 * reached the quota, then either transfers surplus or excludes the lowest candidate.
 */
public final class GregoryStv {
    /** Inactive key for value lost to truncation when surpluses are transferred. */
    public static final String RESIDUAL = "residual surplus";

    private static final int UNASSIGNED = Integer.MIN_VALUE;

    private final Election election;
    private final GregoryRules rules;
    private final List<String> names;
    private final long one;
    private final boolean[] continuing;
    private final boolean[] elected;
    private final List<Integer> pendingSurplus = new ArrayList<>();
    private final long[] tally;
    private final long[] inactive = new long[Inactive.values().length];
    private long residual;
    private final int[] holder;
    private final long[] value;
    private final List<Fixed[]> history = new ArrayList<>();
    private final List<StageBuilder> stages = new ArrayList<>();
    private final List<String> order = new ArrayList<>();
    private final TieBreaker ties;
    private final ChannelLedger ledger;
    private long quota;

    private GregoryStv(Election election, GregoryRules rules, List<String> channels) {
        this.election = election;
        this.rules = rules;
        this.names = election.candidates();
        this.one = Fixed.pow10(rules.decimals());
        int n = names.size();
        this.continuing = new boolean[n];
        this.elected = new boolean[n];
        for (int c = 0; c < n; c++) {
            continuing[c] = !election.isWithdrawn(c);
        }
        this.tally = new long[n];
        this.holder = new int[election.ballots().size()];
        this.value = new long[holder.length];
        java.util.Arrays.fill(holder, UNASSIGNED);
        java.util.Arrays.fill(value, one);
        this.ties = new TieBreaker(rules.tieBreak(), names);
        this.ledger = ChannelLedger.of(channels, holder.length, n, rules.decimals());
    }

    public static CountReport count(Election election, GregoryRules rules) {
        return count(election, rules, null);
    }

    /**
     * Counts, and when {@code channels} is given (one per ballot group) splits every stage's figures by channel
     * ({@link ChannelLedger}).
     */
    public static CountReport count(Election election, GregoryRules rules, List<String> channels) {
        return new GregoryStv(election, rules, channels).run();
    }

    private CountReport run() {
        move(null, election.ballots().size(), g -> holder[g] == UNASSIGNED);
        long total = 0;
        for (long t : tally) {
            total += t;
        }
        long divisor = election.seats() + 1L;
        quota = switch (rules.quota()) {
            case DROOP_WHOLE -> (total / one / divisor + 1) * one;
            case EXACT_ROUNDED_UP -> total / divisor + (total % divisor == 0 ? 0 : 1);
        };
        for (int number = 1; ; number++) {
            StageBuilder stage = new StageBuilder(number);
            if (number == 1 && !election.withdrawn().isEmpty()) {
                stage.note("withdrawn before the first stage: " + String.join(", ", election.withdrawn()));
            }
            stages.add(stage);
            record(stage);
            if (!decide(stage)) {
                break;
            }
        }
        return new CountReport(rules.name(), election.seats(), rules.describe(), order,
                stages.stream().map(StageBuilder::build).toList());
    }

    private void record(StageBuilder stage) {
        Fixed[] snapshot = new Fixed[names.size()];
        for (int c = 0; c < names.size(); c++) {
            if (continuing[c] || elected[c]) {
                snapshot[c] = fixed(tally[c]);
                stage.tally(names.get(c), snapshot[c]);
            }
        }
        history.add(snapshot);
        stage.threshold(fixed(quota));
        for (Inactive r : Inactive.values()) {
            stage.inactive(r.label(), fixed(inactive[r.ordinal()]));
        }
        stage.inactive(RESIDUAL, fixed(residual));
        if (ledger != null) {
            ledger.record(stage, names);
        }
    }

    /** Decides one stage and performs its transfer; false when the count is over. */
    private boolean decide(StageBuilder stage) {
        List<Integer> live = live();
        int seatsLeft = election.seats() - order.size();
        if (live.size() <= seatsLeft) {
            electAll(stage, live, "continuing candidates do not outnumber the seats left");
            return false;
        }
        List<Integer> reached = live.stream().filter(c -> rules.electAtQuota()
                ? tally[c] >= quota : tally[c] > quota).toList();
        for (int c : rules.oneSurplusPerStage() ? byVotesDescending(stage, reached) : byVotes(reached)) {
            elect(stage, c, "reached the quota with " + fixed(tally[c]));
            pendingSurplus.add(c);
        }
        if (order.size() == election.seats()) {
            stage.action(stage.elected().isEmpty() ? "All seats filled" : actionText(stage));
            return false;
        }
        pendingSurplus.removeIf(c -> tally[c] <= quota);
        List<Integer> group = rules.alternativeDefeats() ? AlternativeDefeats.group(live(), c -> tally[c],
                pendingSurplus.stream().mapToLong(c -> tally[c] - quota).sum(), quota,
                election.seats() - order.size()) : List.of();
        if (!group.isEmpty()) {
            return excludeAll(stage, group, "alternative defeat (cannot change the result)");
        }
        if (!pendingSurplus.isEmpty()) {
            List<Integer> now = rules.oneSurplusPerStage()
                    ? List.of(byVotesDescending(stage, pendingSurplus).get(0)) : List.copyOf(pendingSurplus);
            for (int c : now) {
                transferSurplus(stage, c);
            }
            pendingSurplus.removeAll(now);
            stage.action((stage.elected().isEmpty() ? "" : actionText(stage) + "; ") + "transfer surplus of "
                    + String.join(", ", now.stream().map(names::get).toList()));
            return true;
        }
        live = live();
        long min = live.stream().mapToLong(c -> tally[c]).min().orElseThrow();
        List<Integer> lowest = live.stream().filter(c -> tally[c] == min).toList();
        int loser = lowest.get(0);
        if (lowest.size() > 1) {
            TieBreaker.Resolution r = ties.loser(lowest, history.subList(0, history.size() - 1));
            stage.note(r.explanation());
            loser = r.candidate();
        }
        return excludeAll(stage, List.of(loser), "fewest votes: " + fixed(min));
    }

    private boolean excludeAll(StageBuilder stage, List<Integer> losers, String why) {
        for (int c : losers) {
            continuing[c] = false;
            stage.exclude(names.get(c));
        }
        stage.action((stage.elected().isEmpty() ? "" : actionText(stage) + "; ") + "exclude "
                + String.join(", ", losers.stream().map(names::get).toList()) + " (" + why + ")");
        if (live().size() + order.size() <= election.seats()) {
            electAll(stage, live(), "continuing candidates fill the seats left");
            return false;
        }
        move(stage, holder.length, g -> holder[g] >= 0 && losers.contains(holder[g]));
        losers.forEach(c -> tally[c] = 0);
        return true;
    }

    private void transferSurplus(StageBuilder stage, int c) {
        long votes = tally[c];
        long surplus = votes - quota;
        long factor = Fixed.mulDivFloor(surplus, one, votes);
        long moved = 0;
        for (int g = 0; g < holder.length; g++) {
            if (holder[g] == c) {
                value[g] = rules.transferValue() == GregoryRules.TransferValue.PER_PAPER
                        ? Fixed.mulDivFloor(surplus, value[g], votes)
                        : Fixed.mulDivFloor(value[g], factor, one);
                moved += election.ballots().get(g).count() * value[g];
            }
        }
        stage.transfer(names.get(c), RESIDUAL, fixed(surplus - moved));
        residual += surplus - moved;
        move(stage, holder.length, g -> holder[g] == c);
        tally[c] = quota;
        if (ledger != null) {
            ledger.settle(c, quota, RESIDUAL);
        }
    }

    /** Re-reads the selected ballot groups and moves them (at their current value) onwards. */
    private void move(StageBuilder stage, int groups, java.util.function.IntPredicate selected) {
        List<Ballot> ballots = election.ballots();
        for (int g = 0; g < groups; g++) {
            if (!selected.test(g)) {
                continue;
            }
            Ballot b = ballots.get(g);
            long votes = Math.multiplyExact(b.count(), value[g]);
            int from = holder[g];
            int to = Preference.next(b, continuing, rules.ranking());
            if (from >= 0) {
                tally[from] -= votes;
            }
            if (Preference.isInactive(to)) {
                inactive[Preference.reason(to).ordinal()] += votes;
            } else {
                tally[to] += votes;
            }
            if (ledger != null) {
                if (from >= 0) {
                    ledger.take(from, g, votes);
                }
                if (Preference.isInactive(to)) {
                    ledger.inactive(Preference.reason(to).label(), g, votes);
                } else {
                    ledger.add(to, g, votes);
                }
            }
            if (stage != null && from >= 0) {
                stage.transfer(names.get(from), Preference.isInactive(to)
                        ? Preference.reason(to).label() : names.get(to), fixed(votes));
            }
            holder[g] = to;
        }
    }

    /** Most votes first; equal votes keep ballot-paper order (used where order has no effect). */
    private List<Integer> byVotes(List<Integer> candidates) {
        return candidates.stream().sorted(Comparator.comparingLong((Integer c) -> tally[c]).reversed()).toList();
    }

    private List<Integer> byVotesDescending(StageBuilder stage, List<Integer> candidates) {
        List<Integer> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingLong((Integer c) -> tally[c]).reversed());
        for (int i = 0; i + 1 < sorted.size(); i++) {
            if (tally[sorted.get(i)] == tally[sorted.get(i + 1)]) {
                long v = tally[sorted.get(i)];
                List<Integer> level = sorted.subList(i, sorted.size()).stream()
                        .filter(c -> tally[c] == v).toList();
                TieBreaker.Resolution r = ties.winner(level, history.subList(0, history.size() - 1));
                stage.note(r.explanation() + " (taken first)");
                sorted.remove((Integer) r.candidate());
                sorted.add(i, r.candidate());
            }
        }
        return sorted;
    }

    private void electAll(StageBuilder stage, List<Integer> live, String why) {
        List<Integer> sorted = byVotes(live);
        sorted.forEach(c -> elect(stage, c, why));
        stage.action((stage.action().isEmpty() ? "" : stage.action() + "; ") + "elect "
                + String.join(", ", sorted.stream().map(names::get).toList()) + " (" + why + ")");
    }

    private void elect(StageBuilder stage, int c, String why) {
        continuing[c] = false;
        elected[c] = true;
        order.add(names.get(c));
        stage.elect(names.get(c));
        stage.note(names.get(c) + " elected: " + why);
    }

    private static String actionText(StageBuilder stage) {
        return "elect " + String.join(", ", stage.elected());
    }

    private List<Integer> live() {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (continuing[c]) {
                out.add(c);
            }
        }
        return out;
    }

    private Fixed fixed(long units) {
        return new Fixed(units, rules.decimals());
    }
}
