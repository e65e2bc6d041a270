package org.selectorate.integrity.merkle;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.selectorate.integrity.hash.Digest;

/**
 * An append-only RFC 9162 Merkle tree over leaf hashes. Every complete subtree's hash is kept (about 2n hashes),
 * so the root of any earlier size and any proof cost O(log n) instead of a rehash of the whole log. Not
 * thread-safe: one writer per ballot, as the design has it.
 */
public final class MerkleTree {
    /** levels.get(k) holds the hashes of the complete subtrees of 2^k leaves, left to right. */
    private final List<HashLevel> levels = new ArrayList<>();

    public MerkleTree() {
        levels.add(new HashLevel());
    }

    /** A tree over the given leaf hashes, in order. */
    public static MerkleTree of(List<Digest> leafHashes) {
        MerkleTree tree = new MerkleTree();
        leafHashes.forEach(tree::append);
        return tree;
    }

    public long size() {
        return levels.get(0).size();
    }

    public void append(Digest leafHash) {
        MessageDigest md = Digest.newSha256();
        levels.get(0).add(leafHash.toBytes());
        long index = size() - 1;
        for (int k = 0; (index & 1) == 1; k++, index >>= 1) {
            if (levels.size() == k + 1) {
                levels.add(new HashLevel());
            }
            HashLevel level = levels.get(k);
            md.update(MerkleHashes.NODE_PREFIX);
            level.updateInto(md, index - 1);
            level.updateInto(md, index);
            levels.get(k + 1).add(md.digest());
        }
    }

    public Digest leaf(long index) {
        checkRange(index, 0, size() - 1);
        return levels.get(0).get(index);
    }

    public Digest root() {
        return root(size());
    }

    /** The root the tree had when it held {@code treeSize} leaves. */
    public Digest root(long treeSize) {
        checkRange(treeSize, 0, size());
        return treeSize == 0 ? MerkleHashes.EMPTY_ROOT : hash(0, treeSize);
    }

    /** RFC 9162 §2.1.3.1 PATH(m, D[n]). */
    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        checkRange(treeSize, 1, size());
        checkRange(leafIndex, 0, treeSize - 1);
        List<Digest> path = new ArrayList<>();
        path(leafIndex, 0, treeSize, path);
        return new InclusionProof(leafIndex, treeSize, path);
    }

    /** RFC 9162 §2.1.4.1 PROOF(m, D[n]). */
    public ConsistencyProof consistencyProof(long oldSize, long newSize) {
        checkRange(newSize, 0, size());
        checkRange(oldSize, 0, newSize);
        List<Digest> path = new ArrayList<>();
        if (oldSize > 0 && oldSize < newSize) {
            subproof(oldSize, 0, newSize, true, path);
        }
        return new ConsistencyProof(oldSize, newSize, path);
    }

    private void path(long m, long start, long n, List<Digest> out) {
        if (n == 1) {
            return;
        }
        long k = MerkleHashes.split(n);
        if (m < k) {
            path(m, start, k, out);
            out.add(hash(start + k, start + n));
        } else {
            path(m - k, start + k, n - k, out);
            out.add(hash(start, start + k));
        }
    }

    private void subproof(long m, long start, long n, boolean whole, List<Digest> out) {
        if (m == n) {
            if (!whole) {
                out.add(hash(start, start + n));
            }
            return;
        }
        long k = MerkleHashes.split(n);
        if (m <= k) {
            subproof(m, start, k, whole, out);
            out.add(hash(start + k, start + n));
        } else {
            subproof(m - k, start + k, n - k, false, out);
            out.add(hash(start, start + k));
        }
    }

    /** MTH(D[from:to]) for a range that the RFC's recursion produces (its left parts are complete subtrees). */
    private Digest hash(long from, long to) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return levels.get(Long.numberOfTrailingZeros(n)).get(from / n);
        }
        long k = MerkleHashes.split(n);
        return MerkleHashes.node(hash(from, from + k), hash(from + k, to));
    }

    private static void checkRange(long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " is outside [" + min + ", " + max + "]");
        }
    }

    /** A growable run of 32-byte hashes in one array, so a million leaves cost 32 MB, not a million objects. */
    private static final class HashLevel {
        private byte[] data = new byte[32 * 64];
        private int count;

        long size() {
            return count;
        }

        void add(byte[] hash) {
            if ((count + 1) * 32 > data.length) {
                data = java.util.Arrays.copyOf(data, data.length * 2);
            }
            System.arraycopy(hash, 0, data, count * 32, 32);
            count++;
        }

        Digest get(long index) {
            int off = Math.toIntExact(index) * 32;
            return Digest.of(java.util.Arrays.copyOfRange(data, off, off + 32));
        }

        void updateInto(MessageDigest md, long index) {
            md.update(data, Math.toIntExact(index) * 32, 32);
        }
    }
}
