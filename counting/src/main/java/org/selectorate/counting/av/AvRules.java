package org.selectorate.counting.av;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.selectorate.counting.rank.RankRules;
import org.selectorate.counting.tie.TieBreak;

/**
 * Options of an alternative-vote count.
 *
 * @param ranking how ballots are read (overvotes, skipped ranks, repeats)
 * @param tieBreak how a tie for exclusion (or, with two left and level, for election) is broken
 * @param bulkExclusion exclude together all the lowest candidates whose combined votes are below
 *     the next candidate's (ERS); it never changes who wins
 * @param finish when the count stops
 * @param writeInPlaceholder name of a placeholder candidate standing for undeclared write-ins
 *     (RCTab): it cannot be elected, nobody is elected while it has votes, and it is excluded
 *     first; {@code null} when there is none
 */
public record AvRules(RankRules ranking, TieBreak tieBreak, boolean bulkExclusion, Finish finish,
        String writeInPlaceholder) {

    public AvRules {
        Objects.requireNonNull(ranking);
        Objects.requireNonNull(tieBreak);
        Objects.requireNonNull(finish);
    }

    /** Party default: majority of continuing votes, look back then a lot, no bulk exclusion. */
    public static AvRules standard(long seed) {
        return new AvRules(RankRules.DEFAULT, TieBreak.backwards(seed), false, Finish.MAJORITY, null);
    }

    public AvRules withRanking(RankRules r) {
        return new AvRules(r, tieBreak, bulkExclusion, finish, writeInPlaceholder);
    }

    public AvRules withTieBreak(TieBreak t) {
        return new AvRules(ranking, t, bulkExclusion, finish, writeInPlaceholder);
    }

    public AvRules withBulkExclusion(boolean b) {
        return new AvRules(ranking, tieBreak, b, finish, writeInPlaceholder);
    }

    public AvRules withFinish(Finish f) {
        return new AvRules(ranking, tieBreak, bulkExclusion, f, writeInPlaceholder);
    }

    public AvRules withWriteInPlaceholder(String name) {
        return new AvRules(ranking, tieBreak, bulkExclusion, finish, name);
    }

    /** The options as published lines, in a fixed order. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("overvote: " + ranking.overvote().name().toLowerCase().replace('_', '-'));
        out.add("max skipped ranks: " + (ranking.maxSkipped() == RankRules.UNLIMITED
                ? "unlimited" : ranking.maxSkipped()));
        out.add("duplicates: " + ranking.duplicates().name().toLowerCase());
        out.add("tie-break: " + tieBreak.mode().name().toLowerCase()
                + (tieBreak.mode() == TieBreak.Mode.ORDER ? " " + tieBreak.precedence()
                : " (seed " + tieBreak.seed() + ")"));
        out.add("bulk exclusion: " + (bulkExclusion ? "yes" : "no"));
        out.add("finish: " + finish.name().toLowerCase().replace('_', '-'));
        return out;
    }

    public enum Finish {
        /** Stop as soon as a candidate has more than half the continuing votes. */
        MAJORITY,
        /** Exclude until two remain, then elect the one with more votes (California SB 1288). */
        LAST_TWO
    }
}
