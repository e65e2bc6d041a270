package org.selectorate.counting.meek;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.report.ChannelTally;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.report.StageBuilder;

/** Runs a Meek count and writes it as a report: one stage per action of the count. */
public final class MeekReport {
    private MeekReport() {
    }

    public static CountReport count(Election election, MeekRules rules) {
        return count(election, rules, null);
    }

    /**
     * Counts, and when {@code channels} is given (one per ballot group) splits every stage's votes by channel:
     * each channel's papers counted with the stage's keep factors, exactly as the count counts every paper, so
     * the channels sum to the stage's votes and exhausted figure.
     */
    public static CountReport count(Election election, MeekRules rules, List<String> channels) {
        List<MeekStep> steps = MeekStv.steps(election, rules);
        Map<String, MeekBallots> byChannel = byChannel(election, channels);
        List<String> names = election.candidates();
        List<String> order = new ArrayList<>();
        List<org.selectorate.counting.report.Stage> stages = new ArrayList<>();
        MeekStep previous = null;
        for (MeekStep s : steps) {
            StageBuilder stage = new StageBuilder(stages.size() + 1)
                    .action((s.round() == 0 ? "" : "round " + s.round() + ": ") + s.action());
            List<String> keepFactors = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                MeekStv.Status st = s.statuses().get(c);
                if (st == MeekStv.Status.WITHDRAWN) {
                    continue;
                }
                stage.tally(names.get(c), s.votes().get(c));
                if (st == MeekStv.Status.ELECTED) {
                    keepFactors.add(names.get(c) + " " + s.keepFactors().get(c));
                }
                MeekStv.Status before = previous == null ? MeekStv.Status.HOPEFUL : previous.statuses().get(c);
                if (st != before && st == MeekStv.Status.ELECTED) {
                    stage.elect(names.get(c));
                    order.add(names.get(c));
                } else if (st != before && st == MeekStv.Status.DEFEATED) {
                    stage.exclude(names.get(c));
                }
            }
            stage.threshold(s.quota()).inactive("exhausted", s.exhausted()).note("surplus " + s.surplus());
            if (!keepFactors.isEmpty()) {
                stage.note("keep factors: " + String.join(", ", keepFactors));
            }
            byChannel.forEach((channel, papers) -> stage.channel(channel, share(stage, s, papers, names, rules)));
            if (previous == null && !election.withdrawn().isEmpty()) {
                stage.note("withdrawn before the first stage: " + String.join(", ", election.withdrawn()));
            }
            stages.add(stage.build());
            previous = s;
        }
        List<String> options = new ArrayList<>(rules.describe());
        options.add("ballots counted: " + MeekStv.ballotsCounted(election)
                + " (ballots naming no candidate who stands are set aside)");
        return new CountReport("stv-meek", election.seats(), options, order, stages);
    }

    private static Map<String, MeekBallots> byChannel(Election election, List<String> channels) {
        Map<String, MeekBallots> out = new TreeMap<>();
        if (channels == null) {
            return out;
        }
        if (channels.size() != election.ballots().size()) {
            throw new IllegalArgumentException("one channel per ballot group: " + channels.size() + " for "
                    + election.ballots().size() + " groups");
        }
        Map<String, List<Ballot>> groups = new TreeMap<>();
        for (int g = 0; g < channels.size(); g++) {
            groups.computeIfAbsent(channels.get(g), k -> new ArrayList<>()).add(election.ballots().get(g));
        }
        groups.forEach((channel, ballots) -> out.put(channel, MeekBallots.of(new Election(election.title(),
                election.candidates(), election.seats(), election.withdrawn(), ballots))));
        return out;
    }

    private static ChannelTally share(StageBuilder stage, MeekStep step, MeekBallots papers, List<String> names,
            MeekRules rules) {
        long[] keep = step.keepFactors().stream().mapToLong(Fixed::units).toArray();
        MeekBallots.Tally t = papers.count(keep, rules.equalize());
        Map<String, Fixed> tallies = new LinkedHashMap<>();
        stage.tallies().keySet().forEach(name -> tallies.put(name, new Fixed(t.sum()[names.indexOf(name)], 9)));
        return new ChannelTally(tallies, Map.of("exhausted", new Fixed(t.exhausted(), 9)));
    }
}
