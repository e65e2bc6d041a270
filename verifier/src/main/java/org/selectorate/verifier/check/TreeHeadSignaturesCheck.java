package org.selectorate.verifier.check;

import java.util.List;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.integrity.record.TreeHeadKey;

/**
 * Every tree head is signed by the record's published Ed25519 key, over this record's header (ballot,
 * candidates, rules, keys), and for this ballot.
 */
public final class TreeHeadSignaturesCheck implements Check {
    @Override
    public CheckResult run(RecordFacts facts) {
        Findings f = new Findings("tree head signatures");
        List<SignedTreeHead> heads = facts.document().treeHeads();
        TreeHeadKey key = facts.treeHeadKey();
        String headerHash = facts.document().header().hash();
        if (heads.isEmpty()) {
            f.problem("the record has no signed tree head");
        }
        for (int i = 0; i < heads.size(); i++) {
            SignedTreeHead h = heads.get(i);
            String label = "tree head " + i + " (size " + h.head().treeSize() + ")";
            if (key == null || !key.verify(h)) {
                f.problem(label + ": signature does not verify under the published tree-head key");
            }
            if (!headerHash.equals(h.head().headerHash())) {
                f.problem(label + ": signed for a different header (ballot, candidates, rules or keys changed)");
            }
        }
        return f.result(heads.size() + " tree heads, each signed by the record's key",
                "tree heads not signed by the record's key");
    }
}
