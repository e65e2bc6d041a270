package org.selectorate.integrity.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number serialisation of ECMAScript's Number.prototype.toString, which RFC 8785 requires: the shortest decimal
 * that reads back as the same double, closest to the exact value when several are as short. Java 17's
 * Double.toString is not always shortest, hence this.
 */
final class Es6Number {
    private static final double TWO_POW_53 = 9_007_199_254_740_992d;

    private Es6Number() {
    }

    static String format(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new JsonException("NaN and Infinity have no JSON form");
        }
        if (d == 0) {
            return "0"; // also -0
        }
        if (d == Math.rint(d) && Math.abs(d) < TWO_POW_53) {
            return Long.toString((long) d);
        }
        StringBuilder sb = new StringBuilder(26);
        if (d < 0) {
            sb.append('-');
            d = -d;
        }
        BigDecimal shortest = shortest(d);
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits * 10^n
        if (k <= n && n <= 21) {
            sb.append(digits);
            sb.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
        }
        return sb.toString();
    }

    /** Fewest significant digits that round-trip; of the two candidates at that length, the nearer. */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        // Floors (ceilings) compose, so round the up-to-767-digit exact value once to 20 digits each way first.
        BigDecimal floor20 = exact.round(new MathContext(20, RoundingMode.FLOOR));
        BigDecimal ceiling20 = exact.round(new MathContext(20, RoundingMode.CEILING));
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal down = floor20.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = ceiling20.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downOk = down.doubleValue() == d;
            boolean upOk = up.doubleValue() == d;
            if (downOk && upOk) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                BigDecimal pick = cmp < 0 ? down : cmp > 0 ? up : evenOf(down, up);
                return pick.stripTrailingZeros();
            }
            if (downOk) {
                return down.stripTrailingZeros();
            }
            if (upOk) {
                return up.stripTrailingZeros();
            }
        }
        throw new IllegalStateException("no round-trip representation of " + d);
    }

    private static BigDecimal evenOf(BigDecimal a, BigDecimal b) {
        return a.unscaledValue().testBit(0) ? b : a;
    }
}
