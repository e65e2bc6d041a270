package org.selectorate.counting.meek;

import java.util.List;
import org.selectorate.counting.arith.Fixed;

/**
 * One action of a Meek count with the figures the engine held when it took it: every candidate's
 * status and votes, the quota, the exhausted votes and the total surplus. Steps follow stv-rs's
 * transcript, so a count can be compared with it line by line.
 *
 * @param round the round (0 before the first); each round elects or defeats
 * @param action as stv-rs words it, e.g. {@code Elect: Grape}, {@code Iterate (omega)}
 * @param keepFactors every candidate's keep factor after the action
 */
public record MeekStep(int round, String action, List<MeekStv.Status> statuses, List<Fixed> votes,
        Fixed quota, Fixed exhausted, Fixed surplus, List<Fixed> keepFactors) {

    public MeekStep {
        statuses = List.copyOf(statuses);
        votes = List.copyOf(votes);
        keepFactors = List.copyOf(keepFactors);
    }
}
