package org.selectorate.counting.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.selectorate.counting.arith.Fixed;

/**
 * One channel's share of a stage: each tallied candidate's votes and each inactive figure made up of that
 * channel's papers, with the same keys as the stage's own {@code tallies} and {@code inactive}. Over all
 * channels they sum exactly to the stage's figures.
 */
public record ChannelTally(Map<String, Fixed> tallies, Map<String, Fixed> inactive) {
    public ChannelTally {
        tallies = Collections.unmodifiableMap(new LinkedHashMap<>(tallies));
        inactive = Collections.unmodifiableMap(new LinkedHashMap<>(inactive));
    }
}
