package org.selectorate.verifier;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.verifier.check.CheckResult;

/** What the verifier found: each check with PASS or FAIL and, on FAIL, what failed. */
public final class VerificationReport {
    private final String heading;
    private final List<CheckResult> checks;

    VerificationReport(RecordDocument document, List<CheckResult> checks) {
        Map<Channel, Long> perChannel = new EnumMap<>(Channel.class);
        for (RecordEntry e : document.entries()) {
            perChannel.merge(e.channel(), 1L, Long::sum);
        }
        StringBuilder channels = new StringBuilder();
        perChannel.forEach((c, n) -> channels.append(channels.length() == 0 ? "" : ", ").append(c.id())
                .append(' ').append(n));
        this.heading = "ballot " + document.ballotId() + " \"" + document.header().ballot().title() + "\": "
                + document.entries().size() + " entries (" + channels + "), " + document.treeHeads().size()
                + " signed tree heads";
        this.checks = List.copyOf(checks);
    }

    public List<CheckResult> checks() {
        return checks;
    }

    public boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }

    /** The check with this name; for tests and callers that act on one check. */
    public CheckResult check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check named " + name));
    }

    /** The report as printed by {@code selectorate verify}. */
    public String format() {
        StringBuilder sb = new StringBuilder(heading).append('\n');
        for (CheckResult c : checks) {
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
        long failed = checks.stream().filter(c -> !c.passed()).count();
        sb.append(failed == 0 ? "VERIFIED: all " + checks.size() + " checks passed"
                : "NOT VERIFIED: " + failed + " of " + checks.size() + " checks failed").append('\n');
        return sb.toString();
    }
}
