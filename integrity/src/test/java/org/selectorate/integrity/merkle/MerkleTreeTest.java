package org.selectorate.integrity.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.encoding.Hex;
import org.selectorate.integrity.hash.Digest;

/**
 * RFC 9162-style proofs. The fixed vectors are the RFC 6962 test tree of transparency-dev/merkle
 * (proof/verify_test.go, Apache-2.0): eight leaves, every root, and known inclusion and consistency proofs.
 */
class MerkleTreeTest {
    private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f"};
    private static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    private static MerkleTree testTree() {
        MerkleTree tree = new MerkleTree();
        for (String leaf : LEAVES) {
            tree.append(MerkleHashes.leaf(Hex.decode(leaf)));
        }
        return tree;
    }

    private static List<Digest> hashes(String... hex) {
        List<Digest> out = new ArrayList<>();
        for (String h : hex) {
            out.add(Digest.fromHex(h));
        }
        return out;
    }

    @Test
    void rootsOfEveryPrefixMatchTheReferenceTree() {
        MerkleTree tree = testTree();
        for (int size = 1; size <= ROOTS.length; size++) {
            assertEquals(ROOTS[size - 1], tree.root(size).hex(), "root of size " + size);
        }
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", tree.root(0).hex());
    }

    @Test
    void theFrontierGivesEveryRootTheTreeGives() {
        MerkleFrontier frontier = new MerkleFrontier();
        assertEquals(MerkleHashes.EMPTY_ROOT, frontier.root());
        for (int size = 1; size <= ROOTS.length; size++) {
            frontier.append(MerkleHashes.leaf(Hex.decode(LEAVES[size - 1])));
            assertEquals(ROOTS[size - 1], frontier.root().hex(), "root of size " + size);
        }
        MerkleTree tree = new MerkleTree();
        frontier = new MerkleFrontier();
        for (int i = 0; i < 1000; i++) {
            Digest leaf = MerkleHashes.leaf(new byte[] {(byte) i, (byte) (i >> 8)});
            tree.append(leaf);
            frontier.append(leaf);
            assertEquals(tree.root(), frontier.root(), "root of size " + (i + 1));
        }
    }

    @Test
    void inclusionProofsMatchTheReferenceVectors() {
        MerkleTree tree = testTree();
        assertEquals(hashes("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
                tree.inclusionProof(0, 8).path());
        assertEquals(hashes("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                tree.inclusionProof(5, 8).path());
        assertEquals(hashes("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"),
                tree.inclusionProof(2, 3).path());
        assertEquals(hashes("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                tree.inclusionProof(1, 5).path());
    }

    @Test
    void consistencyProofsMatchTheReferenceVectors() {
        MerkleTree tree = testTree();
        assertEquals(hashes("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
                tree.consistencyProof(1, 8).path());
        assertEquals(hashes("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                tree.consistencyProof(6, 8).path());
        assertEquals(hashes("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"),
                tree.consistencyProof(2, 5).path());
        assertEquals(hashes("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"),
                tree.consistencyProof(6, 7).path());
        assertTrue(tree.consistencyProof(1, 1).path().isEmpty());
    }

    @Test
    void everyProofOfEverySizeVerifiesAndNoCorruptionDoes() {
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < 40; i++) {
            tree.append(MerkleHashes.leaf(new byte[] {(byte) i}));
        }
        Digest other = MerkleHashes.leaf(new byte[] {99});
        for (int n = 1; n <= 40; n++) {
            Digest root = tree.root(n);
            for (int m = 0; m < n; m++) {
                InclusionProof p = tree.inclusionProof(m, n);
                assertTrue(p.verify(tree.leaf(m), root), "inclusion " + m + " in " + n);
                assertFalse(p.verify(other, root));
                assertFalse(p.verify(tree.leaf(m), other));
                if ((m ^ 1) < n) {
                    assertFalse(new InclusionProof(m ^ 1, n, p.path()).verify(tree.leaf(m), root));
                }
                if (!p.path().isEmpty()) {
                    List<Digest> truncated = p.path().subList(0, p.path().size() - 1);
                    assertFalse(new InclusionProof(m, n, truncated).verify(tree.leaf(m), root));
                }
            }
            for (int m = 0; m <= n; m++) {
                ConsistencyProof c = tree.consistencyProof(m, n);
                assertTrue(c.verify(tree.root(m), root), "consistency " + m + " to " + n);
                if (m > 0 && m < n) {
                    assertFalse(c.verify(other, root));
                    assertFalse(c.verify(tree.root(m), other));
                    List<Digest> flipped = new ArrayList<>(c.path());
                    byte[] first = flipped.get(0).toBytes();
                    first[0] ^= 16;
                    flipped.set(0, Digest.of(first));
                    assertFalse(new ConsistencyProof(m, n, flipped).verify(tree.root(m), root));
                }
            }
        }
    }

    @Test
    void trivialConsistencyCases() {
        Digest a = MerkleHashes.leaf(new byte[] {1});
        Digest b = MerkleHashes.leaf(new byte[] {2});
        assertTrue(new ConsistencyProof(0, 5, List.of()).verify(a, b));
        assertTrue(new ConsistencyProof(3, 3, List.of()).verify(a, a));
        assertFalse(new ConsistencyProof(3, 3, List.of()).verify(a, b));
        assertFalse(new ConsistencyProof(3, 3, List.of(a)).verify(a, a));
        assertFalse(new ConsistencyProof(4, 3, List.of()).verify(a, a));
        assertFalse(new ConsistencyProof(1, 2, List.of()).verify(a, b));
    }
}
