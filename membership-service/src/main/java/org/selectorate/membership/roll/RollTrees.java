package org.selectorate.membership.roll;

import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.integrity.merkle.MerkleTree;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Merkle trees of recently checked roll versions. A version never changes, so a tree built once
 * serves every member's check; only reads happen after it is built.
 */
@ApplicationScoped
public class RollTrees {
    private static final int KEEP = 32;

    private final Map<String, MerkleTree> trees = new LinkedHashMap<>(KEEP, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MerkleTree> eldest) {
            return size() > KEEP;
        }
    };

    synchronized MerkleTree get(String selectionId, int version) {
        return trees.get(selectionId + "#" + version);
    }

    synchronized MerkleTree put(String selectionId, int version, Supplier<MerkleTree> tree) {
        return trees.computeIfAbsent(selectionId + "#" + version, k -> tree.get());
    }
}
