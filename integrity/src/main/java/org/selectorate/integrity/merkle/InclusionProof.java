package org.selectorate.integrity.merkle;

import java.util.List;
import org.selectorate.integrity.hash.Digest;

/** The audit path of leaf {@code leafIndex} in the tree of {@code treeSize} leaves (RFC 9162 §2.1.3). */
public record InclusionProof(long leafIndex, long treeSize, List<Digest> path) {
    public InclusionProof {
        path = List.copyOf(path);
    }

    /** RFC 9162 §2.1.3.2: does {@code leafHash} sit at {@code leafIndex} of the tree whose root is {@code root}? */
    public boolean verify(Digest leafHash, Digest root) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        Digest r = leafHash;
        for (Digest p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashes.node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = MerkleHashes.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.equals(root);
    }
}
