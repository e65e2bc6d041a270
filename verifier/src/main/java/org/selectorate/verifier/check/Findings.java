package org.selectorate.verifier.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Collects a check's problems, keeping the first few by position for the report and counting them all.
 * Thread-safe, and the report does not depend on the order parallel work finds problems in.
 */
public final class Findings {
    static final int SHOWN = 10;

    private final String name;
    /** The SHOWN earliest problems, latest on top so it is the one to drop. */
    private final PriorityQueue<Problem> shown =
            new PriorityQueue<>(Comparator.comparingLong(Problem::position).reversed());
    private long count;

    public Findings(String name) {
        this.name = name;
    }

    /** A problem found in order (sequential checks). */
    public synchronized void problem(String description) {
        problem(count, description);
    }

    /** A problem at a position (an entry's index), for checks that run in parallel. */
    public synchronized void problem(long position, String description) {
        shown.add(new Problem(position, description));
        if (shown.size() > SHOWN) {
            shown.poll();
        }
        count++;
    }

    public synchronized boolean any() {
        return count > 0;
    }

    /** PASS with {@code passSummary} if nothing was found, else FAIL with {@code failSummary}. */
    public synchronized CheckResult result(String passSummary, String failSummary) {
        List<Problem> ordered = new ArrayList<>(shown);
        ordered.sort(Comparator.comparingLong(Problem::position));
        return new CheckResult(name, count == 0, count == 0 ? passSummary : failSummary,
                ordered.stream().map(Problem::description).toList(), count);
    }

    private record Problem(long position, String description) {
    }
}
