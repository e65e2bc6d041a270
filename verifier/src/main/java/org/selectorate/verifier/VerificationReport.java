package org.selectorate.verifier;

import java.util.List;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.verifier.check.CheckList;
import org.selectorate.verifier.check.CheckResult;
import org.selectorate.verifier.check.RecordFacts;

/** What the verifier found: each check with PASS or FAIL and, on FAIL, what failed. */
public final class VerificationReport {
    private final String heading;
    private final CheckList checks;
    private final RecordFacts facts;

    VerificationReport(RecordFacts facts, List<CheckResult> checks) {
        this.facts = facts;
        RecordDocument document = facts.document();
        StringBuilder channels = new StringBuilder();
        facts.entriesPerChannel().forEach((c, n) -> channels.append(channels.length() == 0 ? "" : ", ")
                .append(c.id()).append(' ').append(n));
        this.heading = "ballot " + document.ballotId() + " \"" + document.header().ballot().title() + "\": "
                + facts.entryCount() + " entries (" + channels + "), " + document.treeHeads().size()
                + " signed tree heads";
        this.checks = new CheckList(checks);
    }

    public List<CheckResult> checks() {
        return checks.all();
    }

    public boolean passed() {
        return checks.passed();
    }

    /** How many entries the record has, every channel together. */
    public long entryCount() {
        return facts.entryCount();
    }

    /** The check with this name; for tests and callers that act on one check. */
    public CheckResult check(String name) {
        return checks.named(name);
    }

    /**
     * The record's votes as a BLT file, as {@link org.selectorate.verifier.recount.RecordCount#blt} writes them.
     *
     * @throws IllegalArgumentException if a vote names a non-candidate or ranks someone twice
     */
    public String blt() {
        return facts.tally().blt();
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
