package org.selectorate.counting.stv;

import java.util.List;
import java.util.Objects;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.tie.TieBreak;

/**
 * Options of a weighted inclusive Gregory STV count: every paper of an elected candidate passes on
 * at a reduced value, fixed-point with {@code decimals} places, fractions below the last place
 * dropped.
 *
 * @param name the method name in reports
 * @param decimals fixed-point places of every value
 * @param quota how the quota is set from the first-stage votes
 * @param electAtQuota true: elected on reaching the quota; false: only on exceeding it
 * @param oneSurplusPerStage true: the largest surplus alone is transferred each stage; false: all
 *     surpluses arising at a stage are transferred together
 * @param transferValue how a paper's new value is computed
 * @param alternativeDefeats SB 1288 reference extension: defeat the largest group of lowest
 *     candidates that provably cannot change the result, deferring any surplus
 */
public record GregoryRules(String name, int decimals, Quota quota, boolean electAtQuota,
        boolean oneSurplusPerStage, TransferValue transferValue, boolean alternativeDefeats,
        TieBreak tieBreak, RankRules ranking) {

    public GregoryRules {
        Objects.requireNonNull(quota);
        Objects.requireNonNull(transferValue);
        Objects.requireNonNull(tieBreak);
        Objects.requireNonNull(ranking);
        if (decimals < 0 || decimals > 9) {
            throw new IllegalArgumentException("decimals must be 0..9");
        }
    }

    /**
     * Scottish Local Government Elections Order 2007: Droop quota in whole votes, elected on
     * reaching it, largest surplus first, transfer value = surplus x paper value / candidate's
     * votes to 5 decimals; ties decided by the earliest stage at which the candidates differed,
     * then by lot.
     */
    public static GregoryRules scottish(TieBreak tieBreak) {
        return new GregoryRules("stv-scottish", 5, Quota.DROOP_WHOLE, true, true,
                TransferValue.PER_PAPER, false, tieBreak, RankRules.DEFAULT);
    }

    /**
     * California SB 1288 (as in DavidCary/CA-SB1288): threshold = first-round votes / (seats + 1)
     * rounded up to 5 decimals, elected on exceeding it, all surpluses of a round together, new
     * value = value x truncated surplus fraction.
     */
    public static GregoryRules sb1288(TieBreak tieBreak, int maxRankings, boolean alternativeDefeats) {
        return new GregoryRules("stv-sb1288", 5, Quota.EXACT_ROUNDED_UP, false, false,
                TransferValue.FACTOR, alternativeDefeats, tieBreak, new RankRules(RankRules.Overvote.EXHAUST,
                        RankRules.UNLIMITED, RankRules.Duplicates.SKIP, maxRankings));
    }

    public GregoryRules withTieBreak(TieBreak t) {
        return new GregoryRules(name, decimals, quota, electAtQuota, oneSurplusPerStage,
                transferValue, alternativeDefeats, t, ranking);
    }

    public GregoryRules withRanking(RankRules r) {
        return new GregoryRules(name, decimals, quota, electAtQuota, oneSurplusPerStage,
                transferValue, alternativeDefeats, tieBreak, r);
    }

    public List<String> describe() {
        return List.of("decimals: " + decimals, "quota: " + quota.name().toLowerCase().replace('_', '-'),
                "elected on " + (electAtQuota ? "reaching" : "exceeding") + " the quota",
                "surpluses: " + (oneSurplusPerStage ? "largest first, one per stage" : "all together"),
                "transfer value: " + transferValue.name().toLowerCase().replace('_', '-'),
                "alternative defeats: " + (alternativeDefeats ? "yes" : "no"),
                "tie-break: " + tieBreak.mode().name().toLowerCase()
                        + (tieBreak.mode() == TieBreak.Mode.ORDER ? " " + tieBreak.precedence()
                        : " (seed " + tieBreak.seed() + ")"));
    }

    public enum Quota {
        /** floor(votes / (seats + 1)) + 1, a whole number. */
        DROOP_WHOLE,
        /** votes / (seats + 1), rounded up at the last decimal place. */
        EXACT_ROUNDED_UP
    }

    public enum TransferValue {
        /** floor(surplus x value / votes) for each paper (Scottish rule 48). */
        PER_PAPER,
        /** floor(value x floor(surplus / votes)) (SB 1288 reference code). */
        FACTOR
    }
}
