package org.selectorate.counting.anomaly;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flags an hour in which far more ballots were issued than the ballot's mean hourly rate explains. The rate is
 * the issuances over every hour from the first hour with an issuance to the last (hours not listed count as
 * none). An hour with at least {@value #MIN_ISSUANCES} issuances is tested: P(X &gt;= its count) for X Poisson
 * at the mean rate, Bonferroni-corrected for the hours in that span; it is flagged below {@value #THRESHOLD}.
 */
public final class IssuanceBurst {
    public static final double THRESHOLD = 0.001;
    public static final long MIN_ISSUANCES = 20;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH", Locale.ROOT);

    private IssuanceBurst() {
    }

    /**
     * @param byHour ballots issued per UTC hour, keyed {@code 2026-12-03T14}
     * @return the flags, in time order
     * @throws IllegalArgumentException if a key is not such an hour or a count is negative
     */
    public static List<AnomalyFlag> flags(Map<String, Long> byHour) {
        TreeMap<LocalDateTime, Long> hours = new TreeMap<>();
        byHour.forEach((hour, n) -> {
            if (n < 0) {
                throw new IllegalArgumentException("issuances in " + hour + " cannot be negative");
            }
            try {
                hours.merge(LocalDateTime.parse(hour, HOUR), n, Long::sum);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a UTC hour (yyyy-MM-ddTHH): " + hour, e);
            }
        });
        hours.values().removeIf(n -> n == 0);
        if (hours.isEmpty()) {
            return List.of();
        }
        long span = ChronoUnit.HOURS.between(hours.firstKey(), hours.lastKey()) + 1;
        long total = hours.values().stream().mapToLong(Long::longValue).sum();
        double mean = (double) total / span;
        List<AnomalyFlag> flags = new ArrayList<>();
        hours.forEach((hour, n) -> {
            if (n < MIN_ISSUANCES) {
                return;
            }
            double p = Stats.bonferroni(Stats.poissonAtLeast(n, mean), Math.toIntExact(span));
            if (p < THRESHOLD) {
                String name = HOUR.format(hour);
                flags.add(new AnomalyFlag(AnomalyFlag.ISSUANCE_BURST, name, String.format(Locale.ROOT,
                        "%d ballots issued in the hour from %s:00 UTC against a mean of %.1f an hour (%d over %d "
                                + "hours): p = %s after Bonferroni correction for %d hours.",
                        n, name, mean, total, span, Stats.p(p), span), p, THRESHOLD));
            }
        });
        return List.copyOf(flags);
    }
}
