package org.selectorate.counting;

import java.util.List;
import org.selectorate.counting.av.AvRules;
import org.selectorate.counting.av.InstantRunoff;
import org.selectorate.counting.ballot.Election;
import org.selectorate.counting.meek.MeekReport;
import org.selectorate.counting.meek.MeekRules;
import org.selectorate.counting.report.CountReport;
import org.selectorate.counting.simple.Plurality;
import org.selectorate.counting.stv.Ers97Stv;
import org.selectorate.counting.stv.GregoryRules;
import org.selectorate.counting.stv.GregoryStv;
import org.selectorate.counting.tie.TieBreak;

/** Runs a count by method name and common options: the entry point for the command line. */
public final class Counter {
    private Counter() {
    }

    /**
     * Counts an election.
     *
     * @param tieOrder precedence for the {@code order} tie-break (most favoured first); when empty,
     *     ballot-paper order is used. Meek STV reads it as stv-rs does: the first listed is defeated
     *     first.
     */
    public static CountReport count(Method method, Election election, CountOptions options,
            List<String> tieOrder) {
        return count(method, election, options, tieOrder, null);
    }

    /**
     * Counts an election whose ballot groups came through channels (one channel name per group, in the
     * election's order): the same count, with every stage's figures split by channel. Ranked methods only.
     */
    public static CountReport count(Method method, Election election, CountOptions options,
            List<String> tieOrder, List<String> channels) {
        if (channels != null && (method == Method.FPTP || method == Method.APPROVAL)) {
            throw new IllegalArgumentException(method.label() + " has no breakdown by channel");
        }
        Election e = options.seats() == 0 || options.seats() == election.seats() ? election
                : new Election(election.title(), election.candidates(), options.seats(),
                        election.withdrawn(), election.ballots());
        if (options.tieBreak() != null && (method == Method.STV_MEEK || method == Method.STV_ERS97)) {
            throw new IllegalArgumentException(method.label() + " has its own tie rule ("
                    + (method == Method.STV_MEEK ? "the file's [tie] order, else ballot-paper order"
                    : "earliest stage of difference, then a lot from --seed") + "); --tie-break does not apply");
        }
        TieBreak.Mode mode = options.tieBreak() != null ? options.tieBreak()
                : method == Method.STV_SCOTTISH ? TieBreak.Mode.FORWARDS
                : method == Method.FPTP || method == Method.APPROVAL ? TieBreak.Mode.RANDOM
                : TieBreak.Mode.BACKWARDS;
        TieBreak tie = new TieBreak(mode, mode == TieBreak.Mode.ORDER
                ? (tieOrder.isEmpty() ? e.candidates() : tieOrder) : List.of(), options.seed());
        return switch (method) {
            case FPTP -> Plurality.firstPastThePost(e, tie);
            case APPROVAL -> Plurality.approval(e, tie);
            case AV -> InstantRunoff.count(e, new AvRules(options.ranking(), tie,
                    options.bulkExclusion(), AvRules.Finish.MAJORITY, null), channels);
            case STV_SCOTTISH -> GregoryStv.count(e, GregoryRules.scottish(tie).withRanking(options.ranking()),
                    channels);
            case STV_MEEK -> MeekReport.count(e, MeekRules.defaults()
                    .withOmegaExponent(options.omegaExponent()).withDefeatOrder(tieOrder), channels);
            // ERS97 fixes its own tie rule (earliest difference, then a lot from the seed).
            case STV_ERS97 -> Ers97Stv.count(e, options.seed(), options.ranking(), channels);
        };
    }
}
