package org.selectorate.integrity.merkle;

import java.util.ArrayList;
import java.util.List;
import org.selectorate.integrity.hash.Digest;

/**
 * The RFC 9162 root of a growing list of leaves, keeping only the roots of its complete subtrees (at most one per
 * power of two, so O(log n) hashes): what a reader needs to recompute a log's roots as it streams past, where
 * {@link MerkleTree} keeps every hash to serve proofs. MTH(D[n]) splits at the largest power of two below n, so
 * the root is the complete subtrees folded from the right.
 */
public final class MerkleFrontier {
    /** Roots of complete subtrees, largest (leftmost) first; sizes[i] leaves under roots[i]. */
    private final List<Digest> roots = new ArrayList<>();
    private final List<Long> sizes = new ArrayList<>();
    private long size;

    public void append(Digest leafHash) {
        Digest node = leafHash;
        long nodeSize = 1;
        while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == nodeSize) {
            int last = roots.size() - 1;
            node = MerkleHashes.node(roots.remove(last), node);
            sizes.remove(last);
            nodeSize *= 2;
        }
        roots.add(node);
        sizes.add(nodeSize);
        size++;
    }

    public long size() {
        return size;
    }

    /** MTH over every leaf appended so far. */
    public Digest root() {
        if (roots.isEmpty()) {
            return MerkleHashes.EMPTY_ROOT;
        }
        Digest root = roots.get(roots.size() - 1);
        for (int i = roots.size() - 2; i >= 0; i--) {
            root = MerkleHashes.node(roots.get(i), root);
        }
        return root;
    }
}
