package org.selectorate.integrity.merkle;

import java.security.MessageDigest;
import org.selectorate.integrity.hash.Digest;

/** RFC 9162 §2.1.1 hashing: leaves and interior nodes are domain-separated so a leaf can never pose as a node. */
public final class MerkleHashes {
    static final byte LEAF_PREFIX = 0x00;
    static final byte NODE_PREFIX = 0x01;

    /** The root of the empty tree: SHA-256 of nothing. */
    public static final Digest EMPTY_ROOT = Digest.sha256();

    private MerkleHashes() {
    }

    /** SHA-256(0x00 || data). */
    public static Digest leaf(byte[] data) {
        MessageDigest md = Digest.threadSha256();
        md.update(LEAF_PREFIX);
        md.update(data);
        return Digest.finish(md);
    }

    /** SHA-256(0x01 || left || right). */
    public static Digest node(Digest left, Digest right) {
        MessageDigest md = Digest.threadSha256();
        md.update(NODE_PREFIX);
        left.updateInto(md);
        right.updateInto(md);
        return Digest.finish(md);
    }

    /** The largest power of two strictly below {@code n} (n > 1), the split point of RFC 9162 §2.1.1. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }
}
