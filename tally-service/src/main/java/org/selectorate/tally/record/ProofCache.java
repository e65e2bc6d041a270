package org.selectorate.tally.record;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.merkle.InclusionProof;
import org.selectorate.integrity.merkle.MerkleTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inclusion proofs from the stored leaf hashes, so any replica can answer a voter, not just the writer. Each
 * ballot's tree is kept and extended with the leaves signed since the last request.
 */
@ApplicationScoped
public class ProofCache {
    private final Map<String, MerkleTree> trees = new ConcurrentHashMap<>();
    private final Pool pool;

    public ProofCache(Pool pool) {
        this.pool = pool;
    }

    /** Proof for entry {@code seq} in the tree of {@code treeSize} leaves. */
    public Uni<InclusionProof> proof(String ballotId, long seq, long treeSize) {
        MerkleTree tree = trees.computeIfAbsent(ballotId, id -> new MerkleTree());
        long have;
        synchronized (tree) {
            have = tree.size();
        }
        if (have >= treeSize) {
            return Uni.createFrom().item(() -> prove(tree, seq, treeSize));
        }
        return pool.preparedQuery("select leaf_hash from record_entry where ballot_id = $1 and seq >= $2 and seq < $3 "
                        + "order by seq")
                .execute(Tuple.of(ballotId, have, treeSize))
                .map(rows -> {
                    List<String> leaves = new ArrayList<>(rows.size());
                    rows.forEach(row -> leaves.add(row.getString(0)));
                    extend(tree, have, leaves);
                    return prove(tree, seq, treeSize);
                });
    }

    private static void extend(MerkleTree tree, long from, List<String> leaves) {
        synchronized (tree) {
            // Another request may have extended the tree meanwhile: append only what it still lacks.
            for (int i = (int) (tree.size() - from); i < leaves.size(); i++) {
                tree.append(Digest.fromHex(leaves.get(i)));
            }
        }
    }

    private static InclusionProof prove(MerkleTree tree, long seq, long treeSize) {
        synchronized (tree) {
            return tree.inclusionProof(seq, treeSize);
        }
    }
}
