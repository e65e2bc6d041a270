package org.selectorate.integrity.merkle;

import java.util.ArrayList;
import java.util.List;
import org.selectorate.integrity.hash.Digest;

/** Proof that the tree of {@code oldSize} leaves is a prefix of the tree of {@code newSize} (RFC 9162 §2.1.4). */
public record ConsistencyProof(long oldSize, long newSize, List<Digest> path) {
    public ConsistencyProof {
        path = List.copyOf(path);
    }

    /** RFC 9162 §2.1.4.2, with the trivial cases (equal sizes, empty old tree) made explicit. */
    public boolean verify(Digest oldRoot, Digest newRoot) {
        if (oldSize < 0 || oldSize > newSize) {
            return false;
        }
        if (oldSize == newSize) {
            return path.isEmpty() && oldRoot.equals(newRoot);
        }
        if (oldSize == 0) {
            return path.isEmpty();
        }
        if (path.isEmpty()) {
            return false;
        }
        List<Digest> p = new ArrayList<>(path.size() + 1);
        if (Long.bitCount(oldSize) == 1) {
            p.add(oldRoot);
        }
        p.addAll(path);
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        Digest fr = p.get(0);
        Digest sr = p.get(0);
        for (Digest c : p.subList(1, p.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashes.node(c, fr);
                sr = MerkleHashes.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleHashes.node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return fr.equals(oldRoot) && sr.equals(newRoot) && sn == 0;
    }
}
