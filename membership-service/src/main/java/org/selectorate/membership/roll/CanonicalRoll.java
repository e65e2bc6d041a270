package org.selectorate.membership.roll;

import org.selectorate.contracts.roll.RollEntries.Elector;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.json.CanonicalJson;
import org.selectorate.integrity.merkle.MerkleHashes;
import org.selectorate.integrity.merkle.MerkleTree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A roll in its published form: electors sorted by membership number (UTF-16 order, as Java and
 * RFC 8785 compare strings), each leaf the RFC 8785 canonical JSON of
 * {@code {membershipNumber, name, email, branch}} hashed as an RFC 9162 leaf. Anyone holding the
 * entries can recompute the root.
 */
public record CanonicalRoll(List<Elector> electors, List<Digest> leafHashes, Digest root,
                            SortedMap<String, Long> perBranch) {
    /** Electors per {@code RollEntries} message. */
    public static final int CHUNK = 1000;

    public static CanonicalRoll of(List<Elector> unsorted) {
        List<Elector> electors = new ArrayList<>(unsorted);
        electors.sort(Comparator.comparing(Elector::membershipNumber));
        for (int i = 1; i < electors.size(); i++) {
            if (electors.get(i).membershipNumber().equals(electors.get(i - 1).membershipNumber())) {
                throw new IllegalArgumentException("membership number " + electors.get(i).membershipNumber()
                        + " appears twice");
            }
        }
        List<Digest> leaves = new ArrayList<>(electors.size());
        SortedMap<String, Long> perBranch = new TreeMap<>();
        for (Elector e : electors) {
            leaves.add(leafHash(leaf(e)));
            perBranch.merge(e.branch(), 1L, Long::sum);
        }
        return new CanonicalRoll(List.copyOf(electors), List.copyOf(leaves), MerkleTree.of(leaves).root(), perBranch);
    }

    /** The canonical JSON text of an entry: what a member is shown and what is hashed. */
    public static String leaf(Elector e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("membershipNumber", e.membershipNumber());
        fields.put("name", e.name());
        fields.put("email", e.email());
        fields.put("branch", e.branch());
        return CanonicalJson.write(fields);
    }

    public static Digest leafHash(String leaf) {
        return MerkleHashes.leaf(leaf.getBytes(StandardCharsets.UTF_8));
    }

    public int chunks() {
        return (electors.size() + CHUNK - 1) / CHUNK;
    }

    public List<Elector> chunk(int i) {
        return electors.subList(i * CHUNK, Math.min(electors.size(), (i + 1) * CHUNK));
    }

    /** The leaf hashes packed 32 bytes apiece, as stored with the version. */
    public byte[] packedLeafHashes() {
        byte[] out = new byte[leafHashes.size() * Digest.LENGTH];
        for (int i = 0; i < leafHashes.size(); i++) {
            System.arraycopy(leafHashes.get(i).toBytes(), 0, out, i * Digest.LENGTH, Digest.LENGTH);
        }
        return out;
    }

    public static MerkleTree unpack(byte[] packed) {
        MerkleTree tree = new MerkleTree();
        for (int off = 0; off < packed.length; off += Digest.LENGTH) {
            tree.append(Digest.of(java.util.Arrays.copyOfRange(packed, off, off + Digest.LENGTH)));
        }
        return tree;
    }
}
