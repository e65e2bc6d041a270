package org.selectorate.verifier.check;

import java.util.List;
import org.selectorate.integrity.chain.HashChain;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.integrity.record.TreeHead;

/**
 * The Merkle tree and the hash chain, recomputed from the entries' content, give exactly the root and chain
 * hash each tree head signed, and the last head covers every entry.
 */
public final class TreeAndChainCheck implements Check {
    @Override
    public CheckResult run(RecordFacts facts) {
        Findings f = new Findings("tree and chain");
        List<SignedTreeHead> heads = facts.document().treeHeads();
        int n = facts.entries().size();
        Digest[] chainAt = chainHeads(facts);
        for (int i = 0; i < heads.size(); i++) {
            TreeHead h = heads.get(i).head();
            String label = "tree head " + i + " (size " + h.treeSize() + ")";
            if (h.treeSize() < 0 || h.treeSize() > n) {
                f.problem(label + ": claims " + h.treeSize() + " entries; the record has " + n);
                continue;
            }
            if (!facts.tree().root(h.treeSize()).hex().equals(h.rootHash())) {
                f.problem(label + ": the entries give root " + facts.tree().root(h.treeSize()).hex()
                        + ", the head signed " + h.rootHash());
            }
            if (!chainAt[(int) h.treeSize()].hex().equals(h.chainHash())) {
                f.problem(label + ": the entries give chain hash " + chainAt[(int) h.treeSize()].hex()
                        + ", the head signed " + h.chainHash());
            }
        }
        long covered = heads.isEmpty() ? 0 : heads.get(heads.size() - 1).head().treeSize();
        if (covered != n) {
            f.problem("the last tree head covers " + covered + " of the record's " + n + " entries");
        }
        return f.result("tree and chain over " + n + " entries recompute to every signed head",
                "the entries do not recompute to the signed heads");
    }

    /** chainAt[k] is the chain's head after the first k entries. */
    private static Digest[] chainHeads(RecordFacts facts) {
        int n = facts.entries().size();
        Digest[] out = new Digest[n + 1];
        HashChain chain = new HashChain(facts.document().ballotId());
        out[0] = chain.head();
        for (int i = 0; i < n; i++) {
            out[i + 1] = chain.append(facts.leafHash(i));
        }
        return out;
    }
}
