package org.selectorate.verifier.check;

import java.util.List;

/**
 * The outcome of one check: its name, PASS or FAIL, a one-line summary, and the first problems found (each
 * naming the entry or tree head) out of {@code problemCount}.
 */
public record CheckResult(String name, boolean passed, String summary, List<String> problems, long problemCount) {
    public CheckResult {
        problems = List.copyOf(problems);
    }
}
