package org.selectorate.counting.meek;

import java.util.ArrayList;
import java.util.List;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.report.StageBuilder;

/** Runs a Meek count and writes it as a report: one stage per action of the count. */
public final class MeekReport {
    private MeekReport() {
    }

    public static CountReport count(Election election, MeekRules rules) {
        List<MeekStep> steps = MeekStv.steps(election, rules);
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
}
