package org.selectorate.counting.meek;

import static org.selectorate.counting.meek.MeekBallots.ONE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.ballot.Election;

/**
 * Meek STV in 9-decimal fixed point, reproducing stv-rs (which follows Droop.py's "Meek
 * Parametric" rule). Every candidate has a keep factor, 1 while hopeful and 0 once defeated; each
 * ballot gives each candidate in turn its keep factor's share of the power left. The quota is
 * (ballots - exhausted) / (seats + 1) + 10^-9. Elected candidates' keep factors are lowered
 * (k := k x quota / votes, rounded up) until the total surplus is at most omega or stops falling;
 * then the hopeful candidate with fewest votes is defeated (candidates within the surplus of the
 * lowest are tied, broken by the defeat order). A candidate exceeding the quota is elected at once.
 */
public final class MeekStv {
    /** A candidate's standing during the count. */
    public enum Status { HOPEFUL, WITHDRAWN, ELECTED, DEFEATED }

    private final Election election;
    private final MeekRules rules;
    private final MeekBallots ballots;
    private final List<String> names;
    private final Status[] status;
    private final long[] keep;
    private final int[] defeatRank;
    private final List<Integer> elected = new ArrayList<>();
    private final List<MeekStep> steps = new ArrayList<>();
    private final long omega;
    private MeekBallots.Tally count;
    private long quota;
    private long surplus;
    private int round;

    private MeekStv(Election election, MeekRules rules) {
        this.election = election;
        this.rules = rules;
        this.ballots = MeekBallots.of(election);
        this.names = election.candidates();
        int n = names.size();
        this.status = new Status[n];
        this.keep = new long[n];
        this.defeatRank = new int[n];
        for (int c = 0; c < n; c++) {
            status[c] = election.isWithdrawn(c) ? Status.WITHDRAWN : Status.HOPEFUL;
            keep[c] = ONE;
            int r = rules.defeatOrder().indexOf(names.get(c));
            defeatRank[c] = rules.defeatOrder().isEmpty() ? c : r < 0 ? n + c : r;
        }
        this.omega = ONE / Fixed.pow10(rules.omegaExponent());
        this.quota = quota(0);
    }

    /** Counts an election; the steps are the whole account of the count. */
    public static List<MeekStep> steps(Election election, MeekRules rules) {
        return new MeekStv(election, rules).run();
    }

    /** Ballots the count is over: those naming at least one candidate who stands. */
    public static long ballotsCounted(Election election) {
        return MeekBallots.of(election).total();
    }

    private List<MeekStep> run() {
        if (ballots.total() == 0) {
            throw new IllegalArgumentException("no ballot names a candidate who stands");
        }
        count = tally();
        step("Begin Count");
        for (int r = 1; !complete(); r++) {
            round = r;
            electionRound();
        }
        remaining();
        step("Count Complete");
        return steps;
    }

    private boolean complete() {
        long hopeful = Arrays.stream(status).filter(s -> s == Status.HOPEFUL).count();
        int toElect = election.seats() - elected.size();
        return toElect == 0 || hopeful <= toElect;
    }

    private void electionRound() {
        String iteration = iterate();
        step("Iterate (" + iteration + ")");
        if (iteration.equals("elected")) {
            return;
        }
        int loser = nextDefeated();
        status[loser] = Status.DEFEATED;
        step("Defeat (" + (iteration.equals("stable") ? "stable surplus " + fixed(surplus)
                : "surplus " + fixed(surplus) + " < omega") + "): " + names.get(loser));
        keep[loser] = 0;
        count = tally();
    }

    /** Recounts and adjusts keep factors until someone is elected, or the surplus is small or stuck. */
    private String iterate() {
        long lastSurplus = Math.multiplyExact(ballots.total(), ONE);
        while (true) {
            count = tally();
            quota = quota(count.exhausted());
            boolean anyElected = electReached();
            surplus = 0;
            for (int c : elected) {
                long s = count.sum()[c] - quota;
                surplus += rules.forcePositiveSurplus() ? Math.max(0, s) : s;
            }
            if (anyElected) {
                return "elected";
            }
            if (surplus <= omega) {
                return "omega";
            }
            if (surplus >= lastSurplus) {
                return "stable";
            }
            lastSurplus = surplus;
            for (int c : elected) {
                keep[c] = Fixed.mulDivCeil(Fixed.mulDivCeil(keep[c], quota, ONE), ONE, count.sum()[c]);
            }
        }
    }

    /** Elects, in ballot-paper order, every hopeful candidate at or above the quota. */
    private boolean electReached() {
        boolean any = false;
        for (int c = 0; c < names.size(); c++) {
            if (status[c] == Status.HOPEFUL && count.sum()[c] >= quota
                    && elected.size() < election.seats()) {
                elect(c);
                step("Elect: " + names.get(c));
                any = true;
            }
        }
        return any;
    }

    private int nextDefeated() {
        long min = Long.MAX_VALUE;
        for (int c = 0; c < names.size(); c++) {
            if (status[c] == Status.HOPEFUL) {
                min = Math.min(min, count.sum()[c]);
            }
        }
        long low = min + surplus;
        List<Integer> lowest = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (status[c] == Status.HOPEFUL && count.sum()[c] <= low) {
                lowest.add(c);
            }
        }
        if (lowest.size() == 1) {
            return lowest.get(0);
        }
        int loser = lowest.stream().min((a, b) -> Integer.compare(defeatRank[a], defeatRank[b])).orElseThrow();
        step("Break tie (defeat): [" + String.join(", ", lowest.stream().map(names::get).toList())
                + "] -> " + names.get(loser));
        return loser;
    }

    /** Once the seats are filled or the hopefuls just fill them: elect or defeat the rest in order. */
    private void remaining() {
        for (int c = 0; c < names.size(); c++) {
            if (status[c] != Status.HOPEFUL) {
                continue;
            }
            if (elected.size() < election.seats()) {
                elect(c);
                step("Elect remaining: " + names.get(c));
            } else {
                status[c] = Status.DEFEATED;
                step("Defeat remaining: " + names.get(c));
                keep[c] = 0;
            }
            count = tally();
        }
    }

    private void elect(int c) {
        status[c] = Status.ELECTED;
        elected.add(c);
    }

    private MeekBallots.Tally tally() {
        MeekBallots.Tally t = ballots.count(keep, rules.equalize());
        for (int c = 0; c < names.size(); c++) {
            if (status[c] == Status.DEFEATED && t.sum()[c] != 0) {
                throw new IllegalStateException("a defeated candidate still holds votes: " + names.get(c));
            }
        }
        return t;
    }

    private long quota(long exhausted) {
        return (Math.multiplyExact(ballots.total(), ONE) - exhausted) / (election.seats() + 1L) + 1;
    }

    /** Records an action with the figures as they stand (a defeated candidate's last votes included). */
    private void step(String action) {
        List<Fixed> votes = new ArrayList<>();
        List<Fixed> factors = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            votes.add(fixed(count.sum()[c]));
            factors.add(fixed(keep[c]));
        }
        steps.add(new MeekStep(round, action, Arrays.asList(status), votes, fixed(quota),
                fixed(count.exhausted()), fixed(surplus), factors));
    }

    private static Fixed fixed(long units) {
        return new Fixed(units, 9);
    }
}
