package org.selectorate.integrity.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.merkle.MerkleHashes;

class HashChainTest {
    private static final Digest A = MerkleHashes.leaf("a".getBytes(StandardCharsets.UTF_8));
    private static final Digest B = MerkleHashes.leaf("b".getBytes(StandardCharsets.UTF_8));

    @Test
    void genesisIsTheHashOfTheCanonicalBallotHeader() {
        String jcs = "{\"ballot\":\"b-1\",\"schema\":\"selectorate-chain/1\"}";
        assertEquals(Digest.sha256(jcs.getBytes(StandardCharsets.UTF_8)), HashChain.genesis("b-1"));
        assertNotEquals(HashChain.genesis("b-1"), HashChain.genesis("b-2"));
    }

    @Test
    void eachLinkIsPrefixedPreviousAndLeaf() {
        HashChain chain = new HashChain("b-1");
        Digest first = chain.append(A);
        byte[] expected = new byte[65];
        expected[0] = 0x02;
        System.arraycopy(HashChain.genesis("b-1").toBytes(), 0, expected, 1, 32);
        System.arraycopy(A.toBytes(), 0, expected, 33, 32);
        assertEquals(Digest.sha256(expected), first);
        assertEquals(HashChain.link(first, B), chain.append(B));
        assertEquals(2, chain.length());
    }

    @Test
    void orderMatters() {
        HashChain ab = new HashChain("b-1");
        ab.append(A);
        ab.append(B);
        HashChain ba = new HashChain("b-1");
        ba.append(B);
        ba.append(A);
        assertNotEquals(ab.head(), ba.head());
    }
}
