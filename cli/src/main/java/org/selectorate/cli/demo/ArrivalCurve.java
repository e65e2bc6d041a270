package org.selectorate.cli.demo;

/**
 * When each voter of a bench turns up, as an offset from the start of voting. Voters arrive on this timetable
 * whether or not the platform kept up with the earlier ones (an open loop), so falling behind shows as lateness.
 */
interface ArrivalCurve {
    /** Milliseconds after voting began at which voter {@code i} (0-based, of {@code voters}) arrives. */
    long offsetMillis(long i);

    /** Everyone at once: each voter as soon as a client thread is free (a closed loop). */
    static ArrivalCurve asFastAsPossible() {
        return i -> 0;
    }

    /** A sustained {@code perSecond} voters a second. */
    static ArrivalCurve sustained(double perSecond) {
        return i -> (long) (i * 1000 / perSecond);
    }

    /**
     * Most voters in the first hours after the codes go out: arrivals that fall off exponentially from {@code peak}
     * voters a second, cut off after three time constants (95% of the curve) and scaled so the {@code voters}
     * arrive within it. Voter i arrives at the (i + ½)/voters quantile of that distribution.
     */
    static ArrivalCurve decaying(double peak, long voters) {
        double mass = 1 - Math.exp(-3);
        double tau = voters / (peak * mass);
        return i -> (long) (-tau * Math.log(1 - (i + 0.5) / voters * mass) * 1000);
    }
}
