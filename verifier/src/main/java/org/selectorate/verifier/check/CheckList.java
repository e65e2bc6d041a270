package org.selectorate.verifier.check;

import java.util.List;

/** The checks of one verification, in the order they ran, and how a report prints them. */
public record CheckList(List<CheckResult> all) {
    public CheckList {
        all = List.copyOf(all);
    }

    public boolean passed() {
        return all.stream().allMatch(CheckResult::passed);
    }

    public long failed() {
        return all.stream().filter(c -> !c.passed()).count();
    }

    /** The check with this name; for tests and callers that act on one check. */
    public CheckResult named(String name) {
        return all.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check named " + name));
    }

    /** One line per check, PASS or FAIL, each failure's problems indented below it. */
    public StringBuilder appendTo(StringBuilder sb) {
        for (CheckResult c : all) {
            sb.append(c.passed() ? "PASS  " : "FAIL  ").append(c.name()).append(": ").append(c.summary());
            if (!c.passed()) {
                sb.append(" (").append(c.problemCount()).append(c.problemCount() == 1 ? " problem)" : " problems)");
            }
            sb.append('\n');
            for (String p : c.problems()) {
                sb.append("        ").append(p).append('\n');
            }
            if (c.problemCount() > c.problems().size()) {
                sb.append("        ... and ").append(c.problemCount() - c.problems().size()).append(" more\n");
            }
        }
        return sb;
    }
}
