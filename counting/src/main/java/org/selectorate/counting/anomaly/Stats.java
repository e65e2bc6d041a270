package org.selectorate.counting.anomaly;

import java.util.Locale;

/**
 * The few distributions the flags need, in doubles (flags only advise; no result depends on them): the
 * regularized incomplete gamma function (chi-square and Poisson tails) and exact binomial probabilities.
 */
final class Stats {
    private static final double[] LANCZOS = {76.18009172947146, -86.50532032941677, 24.01409824083091,
        -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5};
    private static final double EPS = 1e-15;
    private static final int ITERATIONS = 10_000;

    private Stats() {
    }

    /** ln Γ(x), x > 0 (Lanczos). */
    static double lnGamma(double x) {
        double y = x;
        double tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.log(tmp);
        double ser = 1.000000000190015;
        for (double c : LANCZOS) {
            ser += c / ++y;
        }
        return -tmp + Math.log(2.5066282746310005 * ser / x);
    }

    /** The regularized lower incomplete gamma P(a, x). */
    static double lowerGamma(double a, double x) {
        if (x <= 0) {
            return 0;
        }
        return x < a + 1 ? series(a, x) : 1 - continuedFraction(a, x);
    }

    /** The regularized upper incomplete gamma Q(a, x) = 1 - P(a, x), accurate when small. */
    static double upperGamma(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        return x < a + 1 ? 1 - series(a, x) : continuedFraction(a, x);
    }

    private static double series(double a, double x) {
        double ap = a;
        double sum = 1 / a;
        double del = sum;
        for (int n = 0; n < ITERATIONS; n++) {
            ap++;
            del *= x / ap;
            sum += del;
            if (Math.abs(del) < Math.abs(sum) * EPS) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
    }

    private static double continuedFraction(double a, double x) {
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPS) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
    }

    /** P(χ² ≥ x) with {@code df} degrees of freedom. */
    static double chiSquareTail(double x, int df) {
        return upperGamma(df / 2.0, x / 2);
    }

    /** Two-sided P(|Z| ≥ |z|) for a standard normal Z. */
    static double normalTwoSided(double z) {
        return chiSquareTail(z * z, 1);
    }

    /** P(X ≥ k) for X ~ Poisson(mean). */
    static double poissonAtLeast(long k, double mean) {
        return k <= 0 ? 1 : lowerGamma(k, mean);
    }

    /**
     * Two-sided exact binomial test of {@code k} successes in {@code n} at probability {@code p}: the total
     * probability of every outcome no likelier than {@code k}.
     */
    static double binomialTwoSided(long k, long n, double p) {
        if (p <= 0) {
            return k == 0 ? 1 : 0;
        }
        if (p >= 1) {
            return k == n ? 1 : 0;
        }
        double observed = logPmf(k, n, p);
        double sum = 0;
        for (long i = 0; i <= n; i++) {
            double lp = logPmf(i, n, p);
            // A relative slack, as R's binom.test, so outcomes as likely as k are not lost to rounding.
            if (lp <= observed + 1e-7) {
                sum += Math.exp(lp);
            }
        }
        return Math.min(1, sum);
    }

    private static double logPmf(long k, long n, double p) {
        return lnGamma(n + 1.0) - lnGamma(k + 1.0) - lnGamma(n - k + 1.0) + k * Math.log(p)
                + (n - k) * Math.log1p(-p);
    }

    /** Bonferroni: the p-value of one of {@code m} tests. */
    static double bonferroni(double p, int m) {
        return Math.min(1, p * m);
    }

    /** A p-value as the flags print it: three significant figures. */
    static String p(double p) {
        return String.format(Locale.ROOT, "%.3g", p);
    }

    /** A share as a percentage with one decimal. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
