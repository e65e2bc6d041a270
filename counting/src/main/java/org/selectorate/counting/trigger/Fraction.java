package org.selectorate.counting.trigger;

/** A rulebook threshold such as one third, kept exact. */
public record Fraction(long numerator, long denominator) {
    public Fraction {
        if (numerator < 0 || denominator <= 0 || numerator > denominator) {
            throw new IllegalArgumentException("a threshold is a fraction from 0 to 1, got "
                    + numerator + "/" + denominator);
        }
    }

    /** Parses {@code 1/3}. */
    public static Fraction parse(String text) {
        String[] p = text.strip().split("/");
        if (p.length != 2) {
            throw new IllegalArgumentException("expected a fraction such as 1/3, got '" + text + "'");
        }
        return new Fraction(Long.parseLong(p[0].strip()), Long.parseLong(p[1].strip()));
    }

    /** The smallest whole number of units that is at least this fraction of {@code base}. */
    public long of(long base) {
        return Math.floorDiv(Math.addExact(Math.multiplyExact(numerator, base), denominator - 1), denominator);
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
