package org.selectorate.verifier.check;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.merkle.ConsistencyProof;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.integrity.record.TreeHead;

/**
 * Each tree head extends the one before (RFC 9162 consistency proof between the two signed roots), never
 * shrinks, and is not dated earlier: whoever saw an earlier head can tell the log was only appended to.
 */
public final class ConsistencyCheck implements Check {
    @Override
    public CheckResult run(RecordFacts facts) {
        Findings f = new Findings("successive heads consistent");
        List<SignedTreeHead> heads = facts.document().treeHeads();
        for (int i = 1; i < heads.size(); i++) {
            TreeHead a = heads.get(i - 1).head();
            TreeHead b = heads.get(i).head();
            String label = "tree head " + i + " (size " + b.treeSize() + ")";
            if (b.treeSize() < a.treeSize()) {
                f.problem(label + ": smaller than the head before (" + a.treeSize() + ")");
                continue;
            }
            if (before(b.timestamp(), a.timestamp())) {
                f.problem(label + ": dated " + b.timestamp() + ", before the head before it");
            }
            if (!consistent(a, b, heads.get(i).consistency())) {
                f.problem(label + ": does not extend tree head " + (i - 1) + " (consistency proof fails)");
            }
        }
        return f.result(Math.max(0, heads.size() - 1) + " consistency proofs between successive heads verify",
                "a tree head does not extend the one before");
    }

    private static boolean before(String later, String earlier) {
        try {
            return Instant.parse(later).isBefore(Instant.parse(earlier));
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private static boolean consistent(TreeHead a, TreeHead b, List<String> proofHex) {
        try {
            List<Digest> proof = new ArrayList<>();
            for (String h : proofHex) {
                proof.add(Digest.fromHex(h));
            }
            return new ConsistencyProof(a.treeSize(), b.treeSize(), proof)
                    .verify(Digest.fromHex(a.rootHash()), Digest.fromHex(b.rootHash()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
