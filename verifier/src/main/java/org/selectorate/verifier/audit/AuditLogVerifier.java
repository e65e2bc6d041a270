package org.selectorate.verifier.audit;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.selectorate.integrity.audit.AuditKey;
import org.selectorate.integrity.audit.AuditLog;
import org.selectorate.integrity.audit.AuditProblem;
import org.selectorate.integrity.audit.AuditProblem.Kind;
import org.selectorate.integrity.audit.AuditVerifier;
import org.selectorate.verifier.check.CheckResult;
import org.selectorate.verifier.check.Findings;

/**
 * Checks a service's exported audit log ({@code selectorate-audit-log/1}) with nothing but the file, and the key the
 * reader expects if they pinned one: {@link AuditVerifier}'s findings, grouped into checks that pass or fail.
 */
public final class AuditLogVerifier {
    private AuditLogVerifier() {
    }

    /** {@code expected} may be null: the log's own key is then checked against its chain only. */
    public static AuditReport verify(AuditLog log, AuditKey expected) {
        List<AuditProblem> problems = AuditVerifier.verify(log, expected);
        Map<Kind, Findings> byKind = new EnumMap<>(Kind.class);
        Findings key = new Findings("audit key");
        Findings sequence = new Findings("sequence");
        Findings hashes = new Findings("entry hashes");
        Findings chain = new Findings("chain");
        Findings signatures = new Findings("signatures");
        Findings filter = new Findings("selection");
        byKind.put(Kind.WRONG_KEY, key);
        byKind.put(Kind.GAP, sequence);
        byKind.put(Kind.REORDER, sequence);
        byKind.put(Kind.EDITED, hashes);
        byKind.put(Kind.BROKEN_CHAIN, chain);
        byKind.put(Kind.BAD_SIGNATURE, signatures);
        byKind.put(Kind.FILTER, filter);
        for (AuditProblem p : problems) {
            byKind.get(p.kind()).problem(p.seq(), p.toString());
        }
        int n = log.entries().size();
        int shown = log.shown().size();
        String fingerprint = log.publicKey().fingerprint();
        List<CheckResult> checks = List.of(
                key.result("Ed25519 key " + fingerprint + (expected == null ? "" : ", the one expected")
                        + "; the chain starts at its genesis", "not the expected key, or not the key the chain began with"),
                sequence.result(n == 0 ? "no entries" : "seq 1 to " + n + ", each once and in order",
                        "entries missing, repeated or out of order"),
                hashes.result("every entry matches its hash (" + shown + " shown, " + (n - shown) + " withheld)",
                        "entries changed since they were signed"),
                chain.result("every entry is chained to the one before", "the chain is broken"),
                signatures.result(n + " signed heads verify under the key", "signatures that do not verify"),
                filter.result(shown + " entries of " + AuditReport.describe(log.filter()) + " shown, the "
                        + (n - shown) + " outside it withheld", "the log does not show what its filter says"));
        return new AuditReport(log, checks);
    }
}
