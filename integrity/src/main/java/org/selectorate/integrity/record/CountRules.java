package org.selectorate.integrity.record;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the ballot is counted, fixed at opening so anyone can repeat the count. {@code method} is one of counting's
 * method labels:
 * <ul>
 * <li>{@code av}: the alternative vote, exactly one seat; tie-break {@code backwards}, {@code forwards},
 * {@code order} or {@code random}; optional bulk exclusion; {@code finish} {@code majority} or {@code last-two}.</li>
 * <li>{@code stv-scottish}: Scottish STV (2007 rules), one seat or more; any of the four tie-breaks.</li>
 * <li>{@code stv-meek}: Meek STV as stv-rs counts it; ties for defeat go by a fixed order, so the tie-break is
 * {@code order} (an empty precedence meaning ballot-paper order, most favoured first, as for every method).</li>
 * <li>{@code stv-ers97}: ERS97 STV, whose own rule breaks ties (the earliest stage of difference, then a lot
 * from the seed), so the tie-break is {@code forwards} with no precedence.</li>
 * </ul>
 * STV counts go on until every seat is filled: their {@code finish} is {@code seats-filled}, and bulk exclusion
 * is off (ERS97 applies its own rule 5.2.5; the others have none). {@code precedence} lists candidates most
 * favoured first, for the {@code order} tie-break only.
 */
public record CountRules(String method, int seats, String tieBreak, long seed, List<String> precedence,
        boolean bulkExclusion, String finish) {
    public static final String AV = "av";
    public static final String STV_SCOTTISH = "stv-scottish";
    public static final String STV_MEEK = "stv-meek";
    public static final String STV_ERS97 = "stv-ers97";
    /** How every STV count ends. */
    public static final String SEATS_FILLED = "seats-filled";

    private static final Set<String> METHODS = Set.of(AV, STV_SCOTTISH, STV_MEEK, STV_ERS97);
    private static final Set<String> TIE_BREAKS = Set.of("backwards", "forwards", "order", "random");
    private static final Set<String> AV_FINISHES = Set.of("majority", "last-two");

    public CountRules {
        precedence = List.copyOf(precedence);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unsupported count method: " + method + " (one of av, stv-scottish, "
                    + "stv-meek, stv-ers97)");
        }
        if (!TIE_BREAKS.contains(tieBreak)) {
            throw new IllegalArgumentException("unknown tie-break: " + tieBreak);
        }
        if (new HashSet<>(precedence).size() != precedence.size()) {
            throw new IllegalArgumentException("the tie-break precedence names a candidate twice");
        }
        if (!precedence.isEmpty() && !"order".equals(tieBreak)) {
            throw new IllegalArgumentException("a precedence list applies to the 'order' tie-break only");
        }
        if (AV.equals(method)) {
            if (seats != 1) {
                throw new IllegalArgumentException("the alternative vote fills one seat; use STV for " + seats);
            }
            if (!AV_FINISHES.contains(finish)) {
                throw new IllegalArgumentException("unknown finish for av: " + finish + " (majority or last-two)");
            }
        } else {
            if (seats < 1) {
                throw new IllegalArgumentException(method + " needs at least one seat, got " + seats);
            }
            if (!SEATS_FILLED.equals(finish)) {
                throw new IllegalArgumentException(method + " counts until the seats are filled: its finish is "
                        + SEATS_FILLED + ", not " + finish);
            }
            if (bulkExclusion) {
                throw new IllegalArgumentException("bulk exclusion is an option of av only; " + method
                        + " has its own exclusion rule");
            }
            if (STV_MEEK.equals(method) && !"order".equals(tieBreak)) {
                throw new IllegalArgumentException("stv-meek breaks ties by a fixed order: its tie-break is 'order', "
                        + "not " + tieBreak);
            }
            if (STV_ERS97.equals(method) && !"forwards".equals(tieBreak)) {
                throw new IllegalArgumentException("stv-ers97 breaks ties by its own rule (earliest difference, then "
                        + "a lot): its tie-break is 'forwards', not " + tieBreak);
            }
        }
    }

    /** The party's default AV count with this lot seed: look back, then the lot; stop at a majority. */
    public static CountRules alternativeVote(long seed) {
        return new CountRules(AV, 1, "backwards", seed, List.of(), false, "majority");
    }

    /**
     * An STV count of {@code method} for {@code seats} with its usual tie-break: Scottish looks forward then draws
     * lots, ERS97 by its own rule, Meek in ballot-paper order.
     */
    public static CountRules singleTransferableVote(String method, int seats, long seed) {
        String tie = STV_MEEK.equals(method) ? "order" : "forwards";
        return new CountRules(method, seats, tie, seed, List.of(), false, SEATS_FILLED);
    }

    public boolean isStv() {
        return !AV.equals(method);
    }
}
