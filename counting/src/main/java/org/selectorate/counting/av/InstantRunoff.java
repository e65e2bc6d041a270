package org.selectorate.counting.av;

import java.util.ArrayList;
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
 * Alternative vote (instant-runoff) for one seat, in whole votes. Each stage tallies the
 * continuing candidates; a candidate with more than half the continuing votes is elected,
 * otherwise the lowest (or, with bulk exclusion, the lowest group) is excluded and their ballots
 * move to their next continuing preference.
 */
public final class InstantRunoff {
    private static final int UNASSIGNED = Integer.MIN_VALUE;

    private final Election election;
    private final AvRules rules;
    private final List<String> names;
    private final boolean[] continuing;
    private final int placeholder;
    private final long[] tally;
    private final long[] inactive = new long[Inactive.values().length];
    private final int[] holder;
    private final List<Fixed[]> history = new ArrayList<>();
    private final List<StageBuilder> stages = new ArrayList<>();
    private final List<String> elected = new ArrayList<>();
    private final TieBreaker ties;
    private final ChannelLedger ledger;

    private InstantRunoff(Election election, AvRules rules, List<String> channels) {
        this.election = election;
        this.rules = rules;
        this.names = election.candidates();
        int n = names.size();
        this.continuing = new boolean[n];
        for (int c = 0; c < n; c++) {
            continuing[c] = !election.isWithdrawn(c);
        }
        this.placeholder = rules.writeInPlaceholder() == null ? -1
                : election.indexOf(rules.writeInPlaceholder());
        this.tally = new long[n];
        this.holder = new int[election.ballots().size()];
        java.util.Arrays.fill(holder, UNASSIGNED);
        this.ties = new TieBreaker(rules.tieBreak(), names);
        this.ledger = ChannelLedger.of(channels, holder.length, n, 0);
    }

    public static CountReport count(Election election, AvRules rules) {
        return count(election, rules, null);
    }

    /**
     * Counts, and when {@code channels} is given (one per ballot group) splits every stage's figures by channel.
     */
    public static CountReport count(Election election, AvRules rules, List<String> channels) {
        if (election.seats() != 1) {
            throw new IllegalArgumentException("the alternative vote fills one seat; use STV for "
                    + election.seats());
        }
        return new InstantRunoff(election, rules, channels).run();
    }

    private CountReport run() {
        for (int round = 1; ; round++) {
            StageBuilder stage = new StageBuilder(round);
            if (round == 1 && !election.withdrawn().isEmpty()) {
                stage.note("withdrawn before the first stage: " + String.join(", ", election.withdrawn()));
            }
            distribute(stages.isEmpty() ? null : stages.get(stages.size() - 1));
            stages.add(stage);
            if (!decide(stage, round)) {
                break;
            }
        }
        return new CountReport("av", 1, rules.describe(), elected,
                stages.stream().map(StageBuilder::build).toList());
    }

    /** Moves every ballot whose candidate is out to its next preference, recording transfers. */
    private void distribute(StageBuilder previous) {
        List<Ballot> ballots = election.ballots();
        for (int g = 0; g < holder.length; g++) {
            int h = holder[g];
            if (h != UNASSIGNED && (h < 0 || continuing[h])) {
                continue;
            }
            Ballot b = ballots.get(g);
            int to = Preference.next(b, continuing, rules.ranking());
            if (h >= 0) {
                tally[h] -= b.count();
                previous.transfer(names.get(h), label(to), Fixed.integer(b.count()));
                if (ledger != null) {
                    ledger.take(h, g, b.count());
                }
            }
            if (Preference.isInactive(to)) {
                inactive[Preference.reason(to).ordinal()] += b.count();
            } else {
                tally[to] += b.count();
            }
            if (ledger != null) {
                if (Preference.isInactive(to)) {
                    ledger.inactive(Preference.reason(to).label(), g, b.count());
                } else {
                    ledger.add(to, g, b.count());
                }
            }
            holder[g] = to;
        }
    }

    /** Tallies the stage and decides it; false when the count is over. */
    private boolean decide(StageBuilder stage, int round) {
        List<Integer> live = new ArrayList<>();
        Fixed[] snapshot = new Fixed[names.size()];
        long active = 0;
        for (int c = 0; c < names.size(); c++) {
            if (continuing[c]) {
                live.add(c);
                snapshot[c] = Fixed.integer(tally[c]);
                stage.tally(names.get(c), snapshot[c]);
                active += tally[c];
            }
        }
        for (Inactive r : Inactive.values()) {
            stage.inactive(r.label(), Fixed.integer(inactive[r.ordinal()]));
        }
        if (ledger != null) {
            ledger.record(stage, names);
        }
        long threshold = active / 2 + 1;
        stage.threshold(Fixed.integer(threshold));
        history.add(snapshot);
        List<Fixed[]> earlier = history.subList(0, history.size() - 1);
        if (live.isEmpty()) {
            stage.action("No candidates");
            return false;
        }
        boolean placeholderLive = placeholder >= 0 && continuing[placeholder] && tally[placeholder] > 0;
        if (live.size() == 1 && live.get(0) != placeholder) {
            elect(stage, live.get(0), "the only continuing candidate");
            return false;
        }
        if (!placeholderLive && rules.finish() == AvRules.Finish.LAST_TWO && live.size() == 2) {
            int loser = lowest(stage, live, earlier);
            exclude(stage, loser);
            elect(stage, live.get(0) == loser ? live.get(1) : live.get(0),
                    "more votes than the other finalist");
            return false;
        }
        if (!placeholderLive && rules.finish() == AvRules.Finish.MAJORITY) {
            for (int c : live) {
                if (c != placeholder && tally[c] >= threshold) {
                    elect(stage, c, "majority of continuing votes (" + tally[c] + " of " + active + ")");
                    return false;
                }
            }
            if (live.size() == 2) {
                TieBreaker.Resolution r = ties.winner(live, earlier);
                stage.note(r.explanation());
                elect(stage, r.candidate(), "won the tie between the last two");
                return false;
            }
        }
        if (placeholderLive) {
            exclude(stage, placeholder);
            stage.action("Exclude " + names.get(placeholder) + " (undeclared write-ins)");
            return true;
        }
        List<Integer> bulk = rules.bulkExclusion()
                ? BulkExclusion.select(live, c -> Fixed.integer(tally[c]), 2) : List.of();
        if (!bulk.isEmpty()) {
            bulk.stream().sorted().forEach(c -> exclude(stage, c));
            stage.action("Bulk exclusion of " + String.join(", ", stage.build().excluded())
                    + ": combined votes below the next candidate");
            return true;
        }
        int loser = lowest(stage, live, earlier);
        exclude(stage, loser);
        stage.action("Exclude " + names.get(loser) + " (fewest votes: " + tally[loser] + ")");
        return true;
    }

    private int lowest(StageBuilder stage, List<Integer> live, List<Fixed[]> earlier) {
        long min = live.stream().mapToLong(c -> tally[c]).min().orElseThrow();
        List<Integer> tied = live.stream().filter(c -> tally[c] == min).toList();
        if (tied.size() == 1) {
            return tied.get(0);
        }
        TieBreaker.Resolution r = ties.loser(tied, earlier);
        stage.note(r.explanation());
        return r.candidate();
    }

    private void exclude(StageBuilder stage, int c) {
        continuing[c] = false;
        stage.exclude(names.get(c));
    }

    private void elect(StageBuilder stage, int c, String why) {
        continuing[c] = false;
        elected.add(names.get(c));
        stage.elect(names.get(c));
        stage.action(names.get(c) + " elected: " + why);
    }

    private String label(int to) {
        return Preference.isInactive(to) ? Preference.reason(to).label() : names.get(to);
    }
}
