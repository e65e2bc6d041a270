package org.selectorate.counting.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selectorate.counting.arith.Fixed;

/**
 * One stage (round) of a count: the votes of every candidate still in the count when the stage
 * was tallied, the quota or threshold, inactive votes by reason (cumulative), what was decided and
 * why, and where the votes of anyone excluded or any surplus went.
 *
 * @param transfers from candidate to (candidate or inactive reason) to votes moved by this stage's
 *     decision
 * @param notes how ties were broken, the seed, and other reasons a returning officer would record
 * @param channels when the ballots came with channels: each channel's share of the tallies and inactive
 *     figures (channels in name order); empty otherwise
 */
public record Stage(int number, String action, Map<String, Fixed> tallies, Fixed threshold,
        Map<String, Fixed> inactive, Map<String, Map<String, Fixed>> transfers,
        List<String> elected, List<String> excluded, List<String> notes, Map<String, ChannelTally> channels) {

    public Stage(int number, String action, Map<String, Fixed> tallies, Fixed threshold,
            Map<String, Fixed> inactive, Map<String, Map<String, Fixed>> transfers,
            List<String> elected, List<String> excluded, List<String> notes) {
        this(number, action, tallies, threshold, inactive, transfers, elected, excluded, notes, Map.of());
    }

    public Stage {
        channels = frozen(new java.util.TreeMap<>(channels));
        tallies = frozen(tallies);
        inactive = frozen(inactive);
        Map<String, Map<String, Fixed>> t = new LinkedHashMap<>();
        transfers.forEach((k, v) -> t.put(k, frozen(v)));
        transfers = Collections.unmodifiableMap(t);
        elected = List.copyOf(elected);
        excluded = List.copyOf(excluded);
        notes = List.copyOf(notes);
    }

    private static <V> Map<String, V> frozen(Map<String, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
