package org.selectorate.tally.record;

import org.jboss.logging.Logger;

import java.util.Map;
import java.util.TreeMap;

/** Casts refused in one batch, per ballot and reason: logged as counts, never one line per cast. */
final class Refusals {
    private static final Logger LOG = Logger.getLogger(RecordWriter.class);

    private final Map<String, Map<String, Integer>> byBallot = new TreeMap<>();

    void add(String ballotId, String reason) {
        add(ballotId, reason, 1);
    }

    void add(String ballotId, String reason, int n) {
        if (n > 0) {
            byBallot.computeIfAbsent(ballotId, id -> new TreeMap<>()).merge(reason, n, Integer::sum);
        }
    }

    void log() {
        byBallot.forEach((ballotId, reasons) -> LOG.infof("ballot %s: casts refused %s", ballotId, reasons));
    }
}
