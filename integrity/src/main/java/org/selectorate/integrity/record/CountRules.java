package org.selectorate.integrity.record;

import java.util.List;
import java.util.Set;

/**
 * How the ballot is counted, fixed at opening so anyone can repeat the count: method ("av"), seats, the
 * tie-break (mode "backwards", "forwards", "order" or "random"; the published seed of the lot; a precedence
 * list for "order"), bulk exclusion and when an AV count stops ("majority" or "last-two").
 */
public record CountRules(String method, int seats, String tieBreak, long seed, List<String> precedence,
        boolean bulkExclusion, String finish) {
    private static final Set<String> TIE_BREAKS = Set.of("backwards", "forwards", "order", "random");
    private static final Set<String> FINISHES = Set.of("majority", "last-two");

    public CountRules {
        precedence = List.copyOf(precedence);
        if (!"av".equals(method)) {
            throw new IllegalArgumentException("unsupported count method: " + method);
        }
        if (seats != 1) {
            throw new IllegalArgumentException("the alternative vote fills one seat");
        }
        if (!TIE_BREAKS.contains(tieBreak)) {
            throw new IllegalArgumentException("unknown tie-break: " + tieBreak);
        }
        if (!FINISHES.contains(finish)) {
            throw new IllegalArgumentException("unknown finish: " + finish);
        }
    }

    /** The party's default AV count with this lot seed: look back, then the lot; stop at a majority. */
    public static CountRules alternativeVote(long seed) {
        return new CountRules("av", 1, "backwards", seed, List.of(), false, "majority");
    }
}
