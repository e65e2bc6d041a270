package org.selectorate.counting.report;

import java.util.List;

/**
 * The full, deterministic account of a count: the method and its options, every stage, and the
 * elected candidates in order of election.
 */
public record CountReport(String method, int seats, List<String> options, List<String> elected,
        List<Stage> stages) {

    public CountReport {
        options = List.copyOf(options);
        elected = List.copyOf(elected);
        stages = List.copyOf(stages);
    }

    public Stage lastStage() {
        return stages.get(stages.size() - 1);
    }
}
