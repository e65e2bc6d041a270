package org.selectorate.counting.simple;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.selectorate.counting.arith.Fixed;
import org.selectorate.counting.ballot.Ballot;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.rank.Inactive;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.report.StageBuilder;
import org.selectorate.counting.tie.TieBreak;
import org.selectorate.counting.tie.TieBreaker;

/**
 * Single-stage counts of the first rank: first past the post (one mark; more is an overvote) and
 * approval (every mark is a vote). The {@code seats} candidates with most votes are elected; a tie
 * at the last seat is broken by lot or fixed order.
 */
public final class Plurality {
    private Plurality() {
    }

    public static CountReport firstPastThePost(Election e, TieBreak tieBreak) {
        return count(e, tieBreak, false);
    }

    public static CountReport approval(Election e, TieBreak tieBreak) {
        return count(e, tieBreak, true);
    }

    private static CountReport count(Election e, TieBreak tieBreak, boolean approval) {
        int n = e.candidateCount();
        long[] votes = new long[n];
        long[] inactive = new long[Inactive.values().length];
        for (Ballot b : e.ballots()) {
            int marks = b.rankCount() == 0 ? 0 : b.markCount(0);
            if (marks == 0) {
                inactive[Inactive.BLANK.ordinal()] += b.count();
            } else if (!approval && marks > 1) {
                inactive[Inactive.OVERVOTE.ordinal()] += b.count();
            } else {
                for (int i = 0; i < marks; i++) {
                    int c = b.mark(0, i);
                    if (c < 0) {
                        inactive[Inactive.OVERVOTE.ordinal()] += b.count();
                        break;
                    }
                    votes[c] += b.count();
                }
            }
        }
        StageBuilder stage = new StageBuilder(1).action(approval ? "Count of approvals" : "Count of votes");
        List<Integer> standing = new ArrayList<>();
        Fixed[] snapshot = new Fixed[n];
        for (int c = 0; c < n; c++) {
            if (!e.isWithdrawn(c)) {
                standing.add(c);
                snapshot[c] = Fixed.integer(votes[c]);
                stage.tally(e.candidates().get(c), snapshot[c]);
            }
        }
        stage.inactive(Inactive.BLANK.label(), Fixed.integer(inactive[Inactive.BLANK.ordinal()]));
        stage.inactive(Inactive.OVERVOTE.label(), Fixed.integer(inactive[Inactive.OVERVOTE.ordinal()]));
        TieBreaker ties = new TieBreaker(tieBreak, e.candidates());
        List<String> elected = new ArrayList<>();
        while (elected.size() < e.seats() && !standing.isEmpty()) {
            long max = standing.stream().mapToLong(c -> votes[c]).max().orElseThrow();
            List<Integer> top = standing.stream().filter(c -> votes[c] == max).toList();
            int seatsLeft = e.seats() - elected.size();
            List<Integer> chosen = top;
            if (top.size() > seatsLeft) {
                TieBreaker.Resolution r = ties.winner(top, List.of());
                stage.note(r.explanation());
                chosen = List.of(r.candidate());
            }
            for (int c : chosen.stream().sorted(Comparator.naturalOrder()).toList()) {
                elected.add(e.candidates().get(c));
                stage.elect(e.candidates().get(c));
                standing.remove((Integer) c);
            }
        }
        return new CountReport(approval ? "approval" : "fptp", e.seats(),
                List.of("tie-break: " + tieBreak.mode().name().toLowerCase()), elected, List.of(stage.build()));
    }
}
