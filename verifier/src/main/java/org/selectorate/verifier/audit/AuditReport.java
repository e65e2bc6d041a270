package org.selectorate.verifier.audit;

import java.util.List;
import org.selectorate.integrity.audit.AuditFilter;
import org.selectorate.integrity.audit.AuditHead;
import org.selectorate.integrity.audit.AuditLog;
import org.selectorate.integrity.audit.AuditVerifier;
import org.selectorate.verifier.check.CheckList;
import org.selectorate.verifier.check.CheckResult;

/** What the audit-log check found: each check with PASS or FAIL, and the head to compare with a later export. */
public final class AuditReport {
    private final String heading;
    private final AuditHead head;
    private final CheckList checks;

    AuditReport(AuditLog log, List<CheckResult> checks) {
        this.head = AuditVerifier.head(log);
        this.heading = "audit log of " + log.service() + ": " + log.entries().size() + " entries ("
                + log.shown().size() + " shown) for " + describe(log.filter());
        this.checks = new CheckList(checks);
    }

    public List<CheckResult> checks() {
        return checks.all();
    }

    public boolean passed() {
        return checks.passed();
    }

    public CheckResult check(String name) {
        return checks.named(name);
    }

    /** The report as printed by {@code selectorate verify --audit}: the checks, then one line with the verdict. */
    public String format() {
        StringBuilder sb = checks.appendTo(new StringBuilder(heading).append('\n'));
        long failed = checks.failed();
        if (failed == 0) {
            sb.append("VERIFIED: all ").append(checks.all().size()).append(" checks passed; head seq ").append(head.seq())
                    .append(' ').append(head.hash().hex()).append(" (a later export must hold the same)");
        } else {
            CheckResult first = checks.all().stream().filter(c -> !c.passed()).findFirst().orElseThrow();
            sb.append("NOT VERIFIED: ").append(failed).append(" of ").append(checks.all().size())
                    .append(" checks failed; first: ").append(first.problems().get(0));
        }
        return sb.append('\n').toString();
    }

    static String describe(AuditFilter f) {
        String area = f.allAreas() ? "every area" : "regions " + f.regions() + " and constituencies "
                + f.constituencies();
        return (f.selection() == null ? "all selections" : "selection " + f.selection()) + " in " + area;
    }
}
