package org.selectorate.verifier;

import java.util.ArrayList;
import java.util.List;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.verifier.check.Check;
import org.selectorate.verifier.check.ConsistencyCheck;
import org.selectorate.verifier.check.CredentialsCheck;
import org.selectorate.verifier.check.EntriesCheck;
import org.selectorate.verifier.check.KeysCheck;
import org.selectorate.verifier.check.LeafHashesCheck;
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
            new RecountCheck());

    private RecordVerifier() {
    }

    public static VerificationReport verify(RecordDocument document) {
        RecordFacts facts = RecordFacts.of(document);
        List<org.selectorate.verifier.check.CheckResult> results = new ArrayList<>();
        for (Check check : CHECKS) {
            results.add(check.run(facts));
        }
        return new VerificationReport(document, results);
    }
}
