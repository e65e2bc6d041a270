package org.selectorate.tally.record;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the partition owner mixes a ballot's casts into its record, and reads a record back. */
@ConfigMapping(prefix = "selectorate.tally")
public interface TallyConfig {
    Mix mix();

    /**
     * How many stored entries one statement reads back when the writer resumes a record or a record is counted: the
     * most of a record in memory at once during either.
     */
    @WithDefault("5000")
    int readPage();

    /**
     * How often every replica looks for counts due ({@code CountDue}; read by its schedule, named here so it may be
     * set). A close's count does not wait for it: the writer starts the job once it makes a count due.
     */
    @WithDefault("1s")
    Duration countEvery();

    /**
     * Casts are held and appended in shuffled batches, each with a signed head, so the record's order says nothing
     * of the order the casts came in beyond the batch: a vote can be placed only among its batch's entries.
     */
    interface Mix {
        /** Append a ballot's held casts once this many are held (2 at least): the crowd a vote hides in. */
        @WithDefault("50")
        int minBatch();

        /** Or once the oldest has been held this long and at least two are held: a quiet ballot still moves. */
        @WithDefault("15m")
        Duration maxWait();
    }
}
