package org.selectorate.verifier;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.selectorate.integrity.record.Channel;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.verifier.check.CheckList;
import org.selectorate.verifier.check.CheckResult;

/** What the verifier found: each check with PASS or FAIL and, on FAIL, what failed. */
public final class VerificationReport {
    private final String heading;
    private final CheckList checks;

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
        this.checks = new CheckList(checks);
    }

    public List<CheckResult> checks() {
        return checks.all();
    }

    public boolean passed() {
        return checks.passed();
    }

    /** The check with this name; for tests and callers that act on one check. */
    public CheckResult check(String name) {
        return checks.named(name);
    }

    /** The report as printed by {@code selectorate verify}. */
    public String format() {
        StringBuilder sb = checks.appendTo(new StringBuilder(heading).append('\n'));
        long failed = checks.failed();
        int total = checks.all().size();
        sb.append(failed == 0 ? "VERIFIED: all " + total + " checks passed"
                : "NOT VERIFIED: " + failed + " of " + total + " checks failed").append('\n');
        return sb.toString();
    }
}
