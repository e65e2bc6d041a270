package org.selectorate.verifier.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.selectorate.integrity.chain.HashChain;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.merkle.MerkleFrontier;
import org.selectorate.integrity.record.SignedTreeHead;
import org.selectorate.integrity.record.TreeHead;

/**
 * The Merkle tree and the hash chain, recomputed from the entries' content, give exactly the root and chain
 * hash each tree head signed, and the last head covers every entry. Both are recomputed as the entries stream
 * past, keeping the chain's head, the tree's frontier and the two values at each signed head's size.
 */
public final class TreeAndChainCheck implements EntryCheck {
    private HashChain chain;
    private final MerkleFrontier tree = new MerkleFrontier();
    /** At each size a head names: the root and the chain's head after that many entries. */
    private final Map<Long, Digest[]> atSize = new HashMap<>();

    @Override
    public void inOrder(RecordFacts facts, ScannedEntry e) {
        start(facts);
        tree.append(e.leafHash());
        Digest link = chain.append(e.leafHash());
        atSize.computeIfPresent(tree.size(), (size, v) -> new Digest[] {tree.root(), link});
    }

    @Override
    public CheckResult run(RecordFacts facts) {
        start(facts);
        Findings f = new Findings("tree and chain");
        List<SignedTreeHead> heads = facts.document().treeHeads();
        long n = facts.entryCount();
        for (int i = 0; i < heads.size(); i++) {
            TreeHead h = heads.get(i).head();
            String label = "tree head " + i + " (size " + h.treeSize() + ")";
            Digest[] at = atSize.get(h.treeSize());
            if (h.treeSize() < 0 || h.treeSize() > n || at == null || at.length == 0) {
                f.problem(label + ": claims " + h.treeSize() + " entries; the record has " + n);
                continue;
            }
            if (!at[0].hex().equals(h.rootHash())) {
                f.problem(label + ": the entries give root " + at[0].hex() + ", the head signed " + h.rootHash());
            }
            if (!at[1].hex().equals(h.chainHash())) {
                f.problem(label + ": the entries give chain hash " + at[1].hex() + ", the head signed "
                        + h.chainHash());
            }
        }
        long covered = heads.isEmpty() ? 0 : heads.get(heads.size() - 1).head().treeSize();
        if (covered != n) {
            f.problem("the last tree head covers " + covered + " of the record's " + n + " entries");
        }
        return f.result("tree and chain over " + n + " entries recompute to every signed head",
                "the entries do not recompute to the signed heads");
    }

    /** Before the first entry: the chain at its genesis, and a slot for each size a head names. */
    private void start(RecordFacts facts) {
        if (chain != null) {
            return;
        }
        chain = new HashChain(facts.document().ballotId());
        for (SignedTreeHead h : facts.document().treeHeads()) {
            atSize.put(h.head().treeSize(), new Digest[0]);
        }
        atSize.computeIfPresent(0L, (size, v) -> new Digest[] {tree.root(), chain.head()});
    }
}
