package org.selectorate.verifier;

import java.util.ArrayList;
import java.util.List;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.verifier.check.CertificationCheck;
import org.selectorate.verifier.check.Check;
import org.selectorate.verifier.check.ConsistencyCheck;
import org.selectorate.verifier.check.CredentialsCheck;
import org.selectorate.verifier.check.EntriesCheck;
import org.selectorate.verifier.check.KeysCheck;
import org.selectorate.verifier.check.LeafHashesCheck;
import org.selectorate.verifier.check.PaperAccountCheck;
import org.selectorate.verifier.check.ReconciliationCheck;
import org.selectorate.verifier.check.RecordFacts;
import org.selectorate.verifier.check.TreeAndChainCheck;
import org.selectorate.verifier.check.TreeHeadSignaturesCheck;
import org.selectorate.verifier.check.UniquenessCheck;
import org.selectorate.verifier.recount.RecountCheck;

/** Runs every check on a public record. Uses all cores for the per-entry work (hashes, signatures). */
public final class RecordVerifier {
    private static final List<Check> CHECKS = List.of(
            new KeysCheck(),
            new EntriesCheck(),
            new CredentialsCheck(),
            new UniquenessCheck(),
            new LeafHashesCheck(),
            new TreeHeadSignaturesCheck(),
            new TreeAndChainCheck(),
            new ConsistencyCheck(),
            new ReconciliationCheck(),
            new PaperAccountCheck(),
            new RecountCheck());

    private RecordVerifier() {
    }

    /** Every check; a record without a scrutineer's certification passes as "not certified". */
    public static VerificationReport verify(RecordDocument document) {
        return verify(document, CertificationCheck.optional());
    }

    /**
     * Every check, the certification as {@code certification} expects it: required for a declared result, and under
     * the scrutineer's own key where it is known.
     */
    public static VerificationReport verify(RecordDocument document, CertificationCheck certification) {
        RecordFacts facts = RecordFacts.of(document);
        List<org.selectorate.verifier.check.CheckResult> results = new ArrayList<>();
        for (Check check : CHECKS) {
            results.add(check.run(facts));
        }
        results.add(certification.run(facts));
        return new VerificationReport(document, results);
    }
}
