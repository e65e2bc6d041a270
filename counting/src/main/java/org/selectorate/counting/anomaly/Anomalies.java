package org.selectorate.counting.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every anomaly flag of a ballot, in a fixed order: channel shares, then branch turnout, then issuance bursts.
 * Pure and deterministic: the same figures give the same flags, word for word.
 */
public final class Anomalies {
    private Anomalies() {
    }

    /**
     * @param firstPreferences per channel, each candidate's first preferences ({@link ChannelShares})
     * @param turnoutByBranch per branch, electors and members marked ({@link BranchTurnout})
     * @param issuancesByHour per UTC hour {@code 2026-12-03T14}, ballots issued ({@link IssuanceBurst})
     */
    public static List<AnomalyFlag> flags(Map<String, Map<String, Long>> firstPreferences,
            Map<String, Turnout> turnoutByBranch, Map<String, Long> issuancesByHour) {
        List<AnomalyFlag> flags = new ArrayList<>(ChannelShares.flags(firstPreferences));
        flags.addAll(BranchTurnout.flags(turnoutByBranch));
        flags.addAll(IssuanceBurst.flags(issuancesByHour));
        return List.copyOf(flags);
    }
}
