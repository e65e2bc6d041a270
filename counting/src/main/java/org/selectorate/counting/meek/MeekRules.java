package org.selectorate.counting.meek;

import java.util.List;

/**
 * Options of a Meek STV count in 9-decimal fixed point, as stv-rs ("Meek Parametric", after
 * Droop.py) defines it.
 *
 * @param omegaExponent iteration stops once the total surplus is at most omega = 10^-omegaExponent
 * @param equalize equal rankings count as the average of every order of the tied candidates; when
 *     false they follow Droop.py (power split evenly, each share's remainder goes down the ballot)
 * @param forcePositiveSurplus an elected candidate below the quota adds nothing to the surplus,
 *     rather than a negative amount (Droop.py sums the differences)
 * @param defeatOrder for a tie for defeat: the first listed is defeated first (stv-rs reads the BLT
 *     {@code [tie …]} line this way); empty means ballot-paper order
 */
public record MeekRules(int omegaExponent, boolean equalize, boolean forcePositiveSurplus,
        List<String> defeatOrder) {

    public MeekRules {
        if (omegaExponent < 1 || omegaExponent > 9) {
            throw new IllegalArgumentException("omega must be 10^-1 .. 10^-9, got 10^-" + omegaExponent);
        }
        defeatOrder = List.copyOf(defeatOrder);
    }

    /** omega = 10^-6, Droop.py's handling of equal rankings, ballot-paper order for ties. */
    public static MeekRules defaults() {
        return new MeekRules(6, false, false, List.of());
    }

    public MeekRules withOmegaExponent(int exponent) {
        return new MeekRules(exponent, equalize, forcePositiveSurplus, defeatOrder);
    }

    public MeekRules withEqualize(boolean e) {
        return new MeekRules(omegaExponent, e, forcePositiveSurplus, defeatOrder);
    }

    public MeekRules withForcePositiveSurplus(boolean f) {
        return new MeekRules(omegaExponent, equalize, f, defeatOrder);
    }

    public MeekRules withDefeatOrder(List<String> order) {
        return new MeekRules(omegaExponent, equalize, forcePositiveSurplus, order);
    }

    public List<String> describe() {
        return List.of("arithmetic: fixed point, 9 decimals (products and quotients truncated; "
                        + "keep factors rounded up)",
                "omega: 10^-" + omegaExponent,
                "equal rankings: " + (equalize ? "equalized (average over orders)" : "split (Droop.py)"),
                "surplus: " + (forcePositiveSurplus ? "positive parts only" : "sum of differences (Droop.py)"),
                "ties for defeat: " + (defeatOrder.isEmpty() ? "ballot-paper order, earliest defeated"
                        : "defeated first in the order " + defeatOrder));
    }
}
