package org.selectorate.counting.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each flag on both sides of its threshold. Reference p-values are SciPy 1.17's (norm.sf, chi2.sf,
 * binomtest, poisson.sf) for the same figures.
 */
class AnomaliesTest {

    private static Map<String, Map<String, Long>> shares(long onlineA, long onlineB, long postalA, long postalB) {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        m.put("online", Map.of("A", onlineA, "B", onlineB));
        m.put("postal", Map.of("A", postalA, "B", postalB));
        // Too few to test: left out whatever its shares.
        m.put("in-person", Map.of("A", 29L, "B", 0L));
        return m;
    }

    @Test
    void aChannelShareFlagsJustBelowTheCorrectedThresholdAndNotJustAbove() {
        // 137 of 200 against 100 of 200: p = 0.000666 for 4 comparisons; 136: p = 0.00101.
        List<AnomalyFlag> flags = ChannelShares.flags(shares(100, 100, 137, 63));
        assertEquals(List.of("A / online", "A / postal", "B / online", "B / postal"),
                flags.stream().map(AnomalyFlag::subject).toList());
        AnomalyFlag first = flags.get(0);
        assertEquals(AnomalyFlag.CHANNEL_SHARE, first.kind());
        assertEquals("A has 50.0% of first preferences among online votes (100 of 200) against 68.5% in the other "
                + "channels (137 of 200), a difference of 18.5 points: p = 0.000666 after Bonferroni correction for 4 "
                + "comparisons (chi-square 14.18, 1 df, p = 0.000167).", first.detail());
        assertEquals(0.000666224898284827, first.statistic(), 1e-12);
        assertEquals(0.001, first.threshold());

        assertEquals(List.of(), ChannelShares.flags(shares(100, 100, 136, 64)));
    }

    @Test
    void aLargeChannelWithATrivialDifferenceDoesNotFlag() {
        // 10,000 papers a channel: 9.9 points is overwhelming evidence but below the 10-point minimum.
        assertEquals(List.of(), ChannelShares.flags(shares(5000, 5000, 5990, 4010)));
        assertEquals(4, ChannelShares.flags(shares(5000, 5000, 6010, 3990)).size());
    }

    private static Map<String, Turnout> branches(Turnout odd) {
        Map<String, Turnout> m = new LinkedHashMap<>();
        for (String b : List.of("Bow", "Clapton", "Dalston", "Eastway", "Fieldgate")) {
            m.put(b, new Turnout(200, 100));
        }
        m.put("Hackney North", odd);
        return m;
    }

    @Test
    void aBranchTurnoutFlagsJustBelowTheCorrectedThresholdAndNotJustAbove() {
        // 127 of 200 against 50%: exact binomial p = 0.000985 for 6 branches; 126: p = 0.00174.
        List<AnomalyFlag> flags = BranchTurnout.flags(branches(new Turnout(200, 127)));
        assertEquals(1, flags.size());
        assertEquals(new AnomalyFlag(AnomalyFlag.BRANCH_TURNOUT, "Hackney North", "Hackney North: 127 of 200 electors "
                + "voted (63.5%) against 50.0% in the other branches (500 of 1000), a difference of 13.5 points: "
                + "p = 0.000985 after Bonferroni correction for 6 branches.", flags.get(0).statistic(), 0.001),
                flags.get(0));
        assertEquals(0.000985111501898404, flags.get(0).statistic(), 1e-9);
        assertEquals(List.of(), BranchTurnout.flags(branches(new Turnout(200, 126))));
    }

    @Test
    void aBranchBelowTheMinimumSizeIsNotTested() {
        assertEquals(List.of("Hackney North"), BranchTurnout.flags(branches(new Turnout(50, 45))).stream()
                .map(AnomalyFlag::subject).toList());
        assertEquals(List.of(), BranchTurnout.flags(branches(new Turnout(49, 44))));
    }

    @Test
    void aLargeBranchWithATrivialDifferenceDoesNotFlag() {
        Map<String, Turnout> m = new LinkedHashMap<>();
        for (String b : List.of("Bow", "Clapton", "Dalston", "Eastway", "Fieldgate")) {
            m.put(b, new Turnout(10_000, 5_000));
        }
        m.put("Hackney North", new Turnout(10_000, 5_990));
        assertEquals(List.of(), BranchTurnout.flags(m));
        m.put("Hackney North", new Turnout(10_000, 6_010));
        assertEquals(List.of("Hackney North"), BranchTurnout.flags(m).stream().map(AnomalyFlag::subject).toList());
    }

    private static Map<String, Long> hours(long each, long burst) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int h = 8; h < 20; h++) {
            m.put(String.format("2026-12-03T%02d", h), h == 14 ? burst : each);
        }
        return m;
    }

    @Test
    void anIssuanceBurstFlagsJustBelowTheCorrectedThresholdAndNotJustAbove() {
        // 27 in an hour against 137 over 12 hours: Poisson p = 0.000722 for 12 hours; 26: p = 0.00156.
        List<AnomalyFlag> flags = IssuanceBurst.flags(hours(10, 27));
        assertEquals(1, flags.size());
        assertEquals("27 ballots issued in the hour from 2026-12-03T14:00 UTC against a mean of 11.4 an hour (137 over "
                + "12 hours): p = 0.000722 after Bonferroni correction for 12 hours.", flags.get(0).detail());
        assertEquals(0.000722307949399663, flags.get(0).statistic(), 1e-9);
        assertEquals(List.of(), IssuanceBurst.flags(hours(10, 26)));
    }

    @Test
    void aBurstBelowTheMinimumCountDoesNotFlag() {
        assertEquals(List.of(), IssuanceBurst.flags(hours(1, 19)));
        assertEquals(List.of("2026-12-03T14"), IssuanceBurst.flags(hours(1, 20)).stream()
                .map(AnomalyFlag::subject).toList());
    }

    @Test
    void hoursWithoutIssuancesCountTowardsTheMeanAndBadHoursAreRefused() {
        // Two busy hours at each end of a quiet day make the mean low.
        Map<String, Long> m = new LinkedHashMap<>(Map.of("2026-12-03T00", 30L, "2026-12-03T23", 30L));
        assertEquals(List.of("2026-12-03T00", "2026-12-03T23"), IssuanceBurst.flags(m).stream()
                .map(AnomalyFlag::subject).toList());
        assertThrows(IllegalArgumentException.class, () -> IssuanceBurst.flags(Map.of("2026-12-03 14h", 3L)));
    }

    @Test
    void theSameFiguresGiveTheSameFlagsInAFixedOrder() {
        List<AnomalyFlag> all = Anomalies.flags(shares(100, 100, 137, 63), branches(new Turnout(200, 127)),
                hours(10, 27));
        assertEquals(List.of(AnomalyFlag.CHANNEL_SHARE, AnomalyFlag.CHANNEL_SHARE, AnomalyFlag.CHANNEL_SHARE,
                AnomalyFlag.CHANNEL_SHARE, AnomalyFlag.BRANCH_TURNOUT, AnomalyFlag.ISSUANCE_BURST),
                all.stream().map(AnomalyFlag::kind).toList());
        assertEquals(all, Anomalies.flags(shares(100, 100, 137, 63), branches(new Turnout(200, 127)),
                hours(10, 27)));
    }
}
