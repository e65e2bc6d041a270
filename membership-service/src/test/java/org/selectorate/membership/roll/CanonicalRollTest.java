package org.selectorate.membership.roll;

import org.junit.jupiter.api.Test;
import org.selectorate.contracts.roll.RollEntries.Elector;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.merkle.InclusionProof;
import org.selectorate.integrity.merkle.MerkleHashes;
import org.selectorate.integrity.merkle.MerkleTree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalRollTest {

    @Test
    void leafIsTheCanonicalJsonOfTheEntry() {
        String leaf = CanonicalRoll.leaf(new Elector("M-001", "Zoë \"Zed\" Ng", "zoe@example.org", "B1"));
        assertEquals("{\"branch\":\"B1\",\"email\":\"zoe@example.org\",\"membershipNumber\":\"M-001\","
                + "\"name\":\"Zoë \\\"Zed\\\" Ng\"}", leaf);
        assertEquals(MerkleHashes.leaf(leaf.getBytes(StandardCharsets.UTF_8)), CanonicalRoll.leafHash(leaf));
    }

    @Test
    void entriesAreSortedByMembershipNumberAndTheRootCoversThemInThatOrder() {
        List<Elector> electors = List.of(
                new Elector("B20", "b", "b@x.org", "north"),
                new Elector("A9", "a", "a@x.org", "south"),
                new Elector("B100", "c", "c@x.org", "north"));
        CanonicalRoll roll = CanonicalRoll.of(electors);
        assertEquals(List.of("A9", "B100", "B20"), roll.electors().stream().map(Elector::membershipNumber).toList());
        MerkleTree expected = MerkleTree.of(roll.electors().stream()
                .map(e -> CanonicalRoll.leafHash(CanonicalRoll.leaf(e))).toList());
        assertEquals(expected.root(), roll.root());
        assertEquals(Map.of("north", 2L, "south", 1L), roll.perBranch());
        assertEquals(roll.root(), CanonicalRoll.of(List.of(electors.get(2), electors.get(0), electors.get(1))).root());
    }

    @Test
    void packedLeafHashesRebuildTheTreeAndItsProofsVerify() {
        List<Elector> electors = new ArrayList<>();
        for (int i = 0; i < 2345; i++) {
            electors.add(new Elector("M" + i, "n" + i, i + "@x.org", "B" + (i % 7)));
        }
        CanonicalRoll roll = CanonicalRoll.of(electors);
        assertEquals(3, roll.chunks());
        assertEquals(345, roll.chunk(2).size());
        MerkleTree tree = CanonicalRoll.unpack(roll.packedLeafHashes());
        assertEquals(roll.root(), tree.root());
        InclusionProof proof = tree.inclusionProof(1234, tree.size());
        Digest leaf = CanonicalRoll.leafHash(CanonicalRoll.leaf(roll.electors().get(1234)));
        assertTrue(proof.verify(leaf, roll.root()));
        assertFalse(proof.verify(CanonicalRoll.leafHash(CanonicalRoll.leaf(roll.electors().get(1235))), roll.root()));
    }

    @Test
    void anEmptyRollHasTheEmptyRootAndNoChunks() {
        CanonicalRoll roll = CanonicalRoll.of(List.of());
        assertEquals(MerkleHashes.EMPTY_ROOT, roll.root());
        assertEquals(0, roll.chunks());
    }

    @Test
    void aMemberCannotBeOnTheRollTwice() {
        Elector e = new Elector("M1", "n", "e@x.org", "B");
        assertThrows(IllegalArgumentException.class, () -> CanonicalRoll.of(List.of(e, e)));
    }
}
