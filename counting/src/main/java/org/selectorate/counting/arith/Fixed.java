package org.selectorate.counting.arith;

import java.math.BigInteger;

/**
 * An exact fixed-point decimal: {@code units / 10^scale}. Counts never use floating point, so every
 * figure in a report is reproducible by anyone with the same rule. Arithmetic overflow throws
 * rather than wrapping.
 */
public record Fixed(long units, int scale) implements Comparable<Fixed> {
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L,
        10_000_000L, 100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L,
        1_000_000_000_000L};

    public Fixed {
        if (scale < 0 || scale >= POW10.length) {
            throw new IllegalArgumentException("scale out of range: " + scale);
        }
    }

    public static Fixed zero(int scale) {
        return new Fixed(0, scale);
    }

    /** The whole number {@code n} at the given scale. */
    public static Fixed of(long n, int scale) {
        return new Fixed(Math.multiplyExact(n, POW10[scale]), scale);
    }

    public static Fixed integer(long n) {
        return new Fixed(n, 0);
    }

    /** Parses a plain decimal such as {@code 12}, {@code -3.25}; fails if it needs more digits. */
    public static Fixed parse(String text, int scale) {
        java.math.BigDecimal d = new java.math.BigDecimal(text).setScale(scale);
        return new Fixed(d.unscaledValue().longValueExact(), scale);
    }

    public static long pow10(int scale) {
        return POW10[scale];
    }

    public Fixed plus(Fixed o) {
        return new Fixed(Math.addExact(units, same(o).units), scale);
    }

    public Fixed minus(Fixed o) {
        return new Fixed(Math.subtractExact(units, same(o).units), scale);
    }

    public Fixed times(long n) {
        return new Fixed(Math.multiplyExact(units, n), scale);
    }

    /** {@code this * a / b}, truncated toward zero to this scale, computed without overflow. */
    public Fixed mulDiv(Fixed a, Fixed b) {
        return new Fixed(mulDivFloor(units, same(a).units, same(b).units), scale);
    }

    /** {@code floor(a * b / c)} for non-negative a, b and positive c, exactly. */
    public static long mulDivFloor(long a, long b, long c) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi == 0 && lo >= 0) {
            return lo / c;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
                .divide(BigInteger.valueOf(c)).longValueExact();
    }

    /** {@code ceil(a * b / c)} for non-negative a, b and positive c, exactly. */
    public static long mulDivCeil(long a, long b, long c) {
        BigInteger[] qr = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
                .divideAndRemainder(BigInteger.valueOf(c));
        return qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
    }

    public int signum() {
        return Long.signum(units);
    }

    public boolean isZero() {
        return units == 0;
    }

    @Override
    public int compareTo(Fixed o) {
        return Long.compare(units, same(o).units);
    }

    private Fixed same(Fixed o) {
        if (o.scale != scale) {
            throw new IllegalArgumentException("mixed scales " + scale + " and " + o.scale);
        }
        return o;
    }

    /** Plain decimal with exactly {@code scale} fraction digits, e.g. {@code 12.50000}. */
    @Override
    public String toString() {
        if (scale == 0) {
            return Long.toString(units);
        }
        long p = POW10[scale];
        String sign = units < 0 ? "-" : "";
        long abs = Math.abs(units);
        String frac = Long.toString(abs % p);
        return sign + (abs / p) + "." + "0".repeat(scale - frac.length()) + frac;
    }
}
