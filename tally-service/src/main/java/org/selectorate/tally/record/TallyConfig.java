package org.selectorate.tally.record;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** When the partition owner signs a tree head of a ballot's record. */
@ConfigMapping(prefix = "selectorate.tally")
public interface TallyConfig {
    /** Sign as soon as this many entries are unsigned. */
    @WithDefault("1000")
    int treeHeadEvery();

    /** Sign entries that have waited this long since the previous head: a voter's proof waits for it. */
    @WithDefault("1s")
    Duration treeHeadInterval();
}
