package org.selectorate.counting.stv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.rank.Preference;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.report.ChannelLedger;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.report.StageBuilder;
import org.selectorate.counting.tie.TieBreak;
import org.selectorate.counting.tie.TieBreaker;

/**
 * STV under the Electoral Reform Society's 1997 rules (ERS97: "How to conduct an election by the
 * Single Transferable Vote", 3rd ed., section 5; the text is reproduced at
 * https://www.opavote.com/methods/ers97-stv-rules). Values are in hundredths. Quota: valid vote /
 * (seats + 1) to two decimals, plus 0.01 unless exact (5.1.6). A surplus arising after the first
 * stage is taken from the last batch received only (5.3.2), at surplus / transferable papers,
 * truncated, or the papers' own value if that is less (5.3.7). Surpluses that could not change the
 * order of the lowest candidates are deferred (5.2.2); the lowest candidates are excluded together
 * when their votes and the deferred surpluses do not exceed the next (5.2.5), their papers moving
 * batch by batch in descending value, anyone reaching the quota being deemed elected between
 * batches (5.4). Ties look to the earliest point where the candidates differed, then a lot;
 * equal candidates who never differed and outnumber the places left are not deemed elected (5.6.2).
 */
public final class Ers97Stv {
    /** Value lost when a surplus is transferred at a truncated transfer value (5.3.9). */
    public static final String DIFFERENCE = "non-transferable difference";

    private static final long ONE = 100;

    private final Election election;
    private final List<String> names;
    private final RankRules ranking;
    private final TieBreaker ties;
    private final boolean[] continuing;
    private final boolean[] elected;
    private final boolean[] surplusDone;
    private final long[] tally;
    private final int[] holder;
    private final long[] value;
    private final int[] arrival;
    private final int[] lastArrival;
    private final long[] inactive = new long[org.selectorate.counting.rank.Inactive.values().length];
    private final List<Fixed[]> history = new ArrayList<>();
    private final List<StageBuilder> stages = new ArrayList<>();
    private final List<String> order = new ArrayList<>();
    private long difference;
    private long valid;
    private long quota;
    private int batches;
    private final ChannelLedger ledger;

    private Ers97Stv(Election election, TieBreak tieBreak, RankRules ranking, List<String> channels) {
        this.election = election;
        this.names = election.candidates();
        this.ranking = ranking;
        this.ties = new TieBreaker(tieBreak, names);
        int n = names.size();
        continuing = new boolean[n];
        for (int c = 0; c < n; c++) {
            continuing[c] = !election.isWithdrawn(c);
        }
        elected = new boolean[n];
        surplusDone = new boolean[n];
        tally = new long[n];
        lastArrival = new int[n];
        holder = new int[election.ballots().size()];
        value = new long[holder.length];
        arrival = new int[holder.length];
        ledger = ChannelLedger.of(channels, holder.length, n, 2);
    }

    /** Counts with ERS97's own tie rule (earliest difference, then a lot from {@code seed}). */
    public static CountReport count(Election election, long seed, RankRules ranking) {
        return count(election, seed, ranking, null);
    }

    /**
     * Counts, and when {@code channels} is given (one per ballot group) splits every stage's figures by channel
     * ({@link ChannelLedger}); papers set aside with no first preference are in no figure.
     */
    public static CountReport count(Election election, long seed, RankRules ranking, List<String> channels) {
        return new Ers97Stv(election, TieBreak.forwards(seed), ranking, channels).run();
    }

    private CountReport run() {
        StageBuilder first = new StageBuilder(1);
        stages.add(first);
        long invalid = 0;
        for (int g = 0; g < holder.length; g++) {
            Ballot b = election.ballots().get(g);
            holder[g] = Preference.next(b, continuing, ranking);
            value[g] = ONE;
            if (Preference.isInactive(holder[g])) {
                invalid += b.count();
            } else {
                tally[holder[g]] += b.count() * ONE;
                valid += b.count() * ONE;
                if (ledger != null) {
                    ledger.add(holder[g], g, b.count() * ONE);
                }
            }
        }
        quota = quota(valid);
        first.action("first preferences");
        first.note("total valid vote " + fixed(valid) + "; quota " + fixed(quota) + " (5.1.6)");
        if (invalid > 0) {
            first.note(invalid + " invalid papers (no first preference) set aside");
        }
        if (!election.withdrawn().isEmpty()) {
            first.note("withdrawn before the first stage: " + String.join(", ", election.withdrawn()));
        }
        snapshot();
        deemElected(first);
        record(first);
        while (nextStage()) {
            record(stages.get(stages.size() - 1));
        }
        // The last stage may have gained elections when the count finished.
        record(stages.get(stages.size() - 1));
        return new CountReport("stv-ers97", election.seats(), List.of("ERS97 (Electoral Reform Society, 1997)",
                "values in hundredths, transfer values truncated", "ties: earliest stage of difference, then lot"),
                order, stages.stream().map(StageBuilder::build).toList());
    }

    /** Quota: votes / (seats + 1) to two decimals; if not exact, the remainder is dropped and 0.01 added. */
    private long quota(long votes) {
        long divisor = election.seats() + 1L;
        return votes / divisor + (votes % divisor == 0 ? 0 : 1);
    }

    /** Runs one stage; false when the count is complete. */
    private boolean nextStage() {
        int seatsLeft = election.seats() - order.size();
        List<Integer> live = live();
        StageBuilder stage = new StageBuilder(stages.size() + 1);
        if (seatsLeft == 0 || live.size() <= seatsLeft) {
            finish(stages.get(stages.size() - 1), live, seatsLeft);
            return false;
        }
        stages.add(stage);
        List<Integer> pending = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (elected[c] && !surplusDone[c] && tally[c] > quota) {
                pending.add(c);
            }
        }
        long surpluses = pending.stream().mapToLong(c -> tally[c] - quota).sum();
        List<Integer> lowest = exclusion(live, seatsLeft, surpluses);
        if (!pending.isEmpty() && lowest.isEmpty()) {
            long max = pending.stream().mapToLong(c -> tally[c]).max().orElseThrow();
            List<Integer> top = pending.stream().filter(c -> tally[c] == max).toList();
            int c = top.size() == 1 ? top.get(0) : resolve(stage, ties.winner(top, history));
            transferSurplus(stage, c);
            return true;
        }
        if (!pending.isEmpty()) {
            stage.note("surpluses totalling " + fixed(surpluses) + " deferred (5.2.2): they cannot save the lowest");
        }
        if (lowest.isEmpty()) {
            long min = live.stream().mapToLong(c -> tally[c]).min().orElseThrow();
            List<Integer> tied = live.stream().filter(c -> tally[c] == min).toList();
            lowest = List.of(tied.size() == 1 ? tied.get(0) : resolve(stage, ties.loser(tied, history)));
        }
        if (live.size() - lowest.size() == seatsLeft) {
            lowest.forEach(c -> {
                continuing[c] = false;
                stage.exclude(names.get(c));
            });
            stage.action("exclude " + String.join(", ", lowest.stream().map(names::get).toList())
                    + "; the continuing candidates fill the places left (5.5.1)");
            finish(stage, live(), seatsLeft);
            return false;
        }
        exclude(stage, lowest);
        return true;
    }

    /**
     * The largest group (two or more) of lowest candidates whose votes plus {@code surpluses} do not
     * exceed the next candidate's, leaving enough to fill the seats; with surpluses pending, also a
     * single lowest candidate whose gap to the next is at least the surpluses. Empty if none.
     */
    private List<Integer> exclusion(List<Integer> live, int seatsLeft, long surpluses) {
        List<Integer> sorted = new ArrayList<>(live);
        sorted.sort(Comparator.comparingLong(c -> tally[c]));
        long sum = 0;
        int best = 0;
        for (int k = 1; k < sorted.size() && live.size() - k >= seatsLeft; k++) {
            sum += tally[sorted.get(k - 1)];
            if (sum + surpluses <= tally[sorted.get(k)] && (k >= 2 || surpluses > 0)) {
                best = k;
            }
        }
        return List.copyOf(sorted.subList(0, best));
    }

    private void transferSurplus(StageBuilder stage, int c) {
        long surplus = tally[c] - quota;
        int batch = lastArrival[c];
        long papers = 0;
        long worth = 0;
        int[] to = new int[holder.length];
        for (int g = 0; g < holder.length; g++) {
            if (holder[g] == c && arrival[g] == batch) {
                to[g] = Preference.next(election.ballots().get(g), continuing, ranking);
                if (!Preference.isInactive(to[g])) {
                    papers += election.ballots().get(g).count();
                    worth += election.ballots().get(g).count() * value[g];
                }
            }
        }
        long tv = worth > surplus ? surplus / papers : -1;
        batches++;
        long moved = 0;
        for (int g = 0; g < holder.length; g++) {
            if (holder[g] == c && arrival[g] == batch && !Preference.isInactive(to[g])) {
                long v = tv >= 0 ? tv : value[g];
                long votes = election.ballots().get(g).count() * v;
                value[g] = v;
                holder[g] = to[g];
                arrival[g] = batches;
                lastArrival[to[g]] = batches;
                tally[to[g]] += votes;
                moved += votes;
                stage.transfer(names.get(c), names.get(to[g]), fixed(votes));
                if (ledger != null) {
                    ledger.take(c, g, votes);
                    ledger.add(to[g], g, votes);
                }
            }
        }
        stage.transfer(names.get(c), DIFFERENCE, fixed(surplus - moved));
        difference += surplus - moved;
        tally[c] = quota;
        if (ledger != null) {
            ledger.settle(c, quota, DIFFERENCE);
        }
        surplusDone[c] = true;
        stage.action("transfer surplus of " + names.get(c) + " (" + fixed(surplus) + ") from "
                + (batch == 0 ? "all its papers" : "its last batch") + ": " + papers + " transferable papers, "
                + (tv >= 0 ? "transfer value " + fixed(tv) : "at their present value"));
        snapshot();
        deemElected(stage);
    }

    private void exclude(StageBuilder stage, List<Integer> losers) {
        for (int c : losers) {
            continuing[c] = false;
            stage.exclude(names.get(c));
        }
        stage.action("exclude " + String.join(", ", losers.stream().map(names::get).toList()));
        TreeSet<Long> values = new TreeSet<>(Comparator.reverseOrder());
        for (int g = 0; g < holder.length; g++) {
            if (holder[g] >= 0 && losers.contains(holder[g])) {
                values.add(value[g]);
            }
        }
        for (long v : values) {
            if (order.size() == election.seats()) {
                break;
            }
            batches++;
            for (int g = 0; g < holder.length; g++) {
                if (holder[g] < 0 || !losers.contains(holder[g]) || value[g] != v) {
                    continue;
                }
                long votes = election.ballots().get(g).count() * v;
                int to = Preference.next(election.ballots().get(g), continuing, ranking);
                tally[holder[g]] -= votes;
                if (ledger != null) {
                    ledger.take(holder[g], g, votes);
                    if (Preference.isInactive(to)) {
                        ledger.inactive(Preference.reason(to).label(), g, votes);
                    } else {
                        ledger.add(to, g, votes);
                    }
                }
                if (Preference.isInactive(to)) {
                    inactive[Preference.reason(to).ordinal()] += votes;
                    stage.transfer(names.get(holder[g]), Preference.reason(to).label(), fixed(votes));
                } else {
                    tally[to] += votes;
                    arrival[g] = batches;
                    lastArrival[to] = batches;
                    stage.transfer(names.get(holder[g]), names.get(to), fixed(votes));
                }
                holder[g] = to;
            }
            stage.note("batch at value " + fixed(v) + " transferred");
            snapshot();
            if (order.isEmpty() && nonTransferable() > 0) {
                quota = quota(valid - nonTransferable());
                stage.note("quota recalculated without the non-transferable vote (5.4.8): " + fixed(quota));
            }
            deemElected(stage);
        }
    }

    /**
     * Deems elected, most votes first, every continuing candidate whose vote reaches the quota or
     * the total active vote / (places unfilled + 1) (5.1.7, 5.3.13, 5.4.9). The active vote is the
     * continuing candidates' votes plus surpluses awaiting transfer (6.20).
     */
    private void deemElected(StageBuilder stage) {
        int unfilled = election.seats() - order.size();
        long active = valid - nonTransferable();
        for (int c = 0; c < names.size(); c++) {
            if (elected[c]) {
                active -= Math.min(quota, tally[c]);
            }
        }
        long share = active;
        List<Integer> reached = new ArrayList<>(live().stream()
                .filter(c -> tally[c] > 0 && (tally[c] >= quota || tally[c] * (unfilled + 1) >= share)).toList());
        while (!reached.isEmpty() && order.size() < election.seats()) {
            long max = reached.stream().mapToLong(c -> tally[c]).max().orElseThrow();
            List<Integer> level = new ArrayList<>(reached.stream().filter(c -> tally[c] == max).toList());
            // Equal votes matter only when there are not places for them all (5.6.2): the earliest
            // point where they differed decides; equal throughout, none is deemed elected now.
            if (level.size() > election.seats() - order.size()) {
                level.sort(this::earliestDifference);
                if (earliestDifference(level.get(0), level.get(1)) == 0) {
                    stage.note("equal votes at every point for " + level.stream().map(names::get).sorted().toList()
                            + " with too few places: none deemed elected at this stage (5.6.2)");
                    return;
                }
                stage.note(names.get(level.get(0)) + " taken first among equal votes: more votes at the earliest"
                        + " point of difference (5.6.2)");
            }
            int c = level.get(0);
            elect(stage, c, tally[c] >= quota ? "reached the quota"
                    : "reached the total active vote / (places unfilled + 1) (5.1.7b)");
            reached.remove((Integer) c);
        }
    }

    /** Orders by votes at the first point (after a batch) where two candidates differed, most first. */
    private int earliestDifference(int a, int b) {
        for (Fixed[] row : history) {
            int cmp = row[b].compareTo(row[a]);
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    private void finish(StageBuilder stage, List<Integer> live, int seatsLeft) {
        if (seatsLeft > 0) {
            live.forEach(c -> elect(stage, c, "continuing candidates fill the places left (5.5.1)"));
        } else if (!live.isEmpty()) {
            live.forEach(c -> continuing[c] = false);
            stage.note("all places filled; " + String.join(", ", live.stream().map(names::get).toList())
                    + " formally excluded (5.5.2)");
        }
    }

    private void elect(StageBuilder stage, int c, String why) {
        continuing[c] = false;
        elected[c] = true;
        order.add(names.get(c));
        stage.elect(names.get(c));
        stage.note(names.get(c) + " deemed elected with " + fixed(tally[c]) + ": " + why);
    }

    private int resolve(StageBuilder stage, TieBreaker.Resolution r) {
        stage.note(r.explanation());
        return r.candidate();
    }

    private long nonTransferable() {
        return Arrays.stream(inactive).sum() + difference;
    }

    private void snapshot() {
        Fixed[] row = new Fixed[names.size()];
        for (int c = 0; c < names.size(); c++) {
            row[c] = fixed(tally[c]);
        }
        history.add(row);
    }

    private void record(StageBuilder stage) {
        for (int c = 0; c < names.size(); c++) {
            if (!election.isWithdrawn(c)) {
                stage.tally(names.get(c), fixed(tally[c]));
            }
        }
        stage.threshold(fixed(quota));
        for (org.selectorate.counting.rank.Inactive r : org.selectorate.counting.rank.Inactive.values()) {
            stage.inactive(r.label(), fixed(inactive[r.ordinal()]));
        }
        stage.inactive(DIFFERENCE, fixed(difference));
        if (ledger != null) {
            ledger.record(stage, names);
        }
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

    private static Fixed fixed(long units) {
        return new Fixed(units, 2);
    }
}
