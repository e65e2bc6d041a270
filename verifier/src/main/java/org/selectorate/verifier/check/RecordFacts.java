package org.selectorate.verifier.check;

import java.util.List;
import java.util.stream.IntStream;
import org.selectorate.integrity.blind.BlindRsaVariant;
import org.selectorate.integrity.blind.BlindVerificationKey;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.merkle.MerkleTree;
import org.selectorate.integrity.record.RecordDocument;
import org.selectorate.integrity.record.RecordEntry;
import org.selectorate.integrity.record.RecordKeys;
import org.selectorate.integrity.record.TreeHeadKey;

/**
 * A record and what is derived from its content once, for every check: the leaf hashes recomputed from each
 * entry (never the published ones), the Merkle tree over them, and the parsed public keys.
 */
public final class RecordFacts {
    private final RecordDocument document;
    private final Digest[] leafHashes;
    private final MerkleTree tree;
    private final BlindVerificationKey credentialKey;
    private final TreeHeadKey treeHeadKey;
    private final String keyProblem;

    private RecordFacts(RecordDocument document) {
        this.document = document;
        List<RecordEntry> entries = document.entries();
        this.leafHashes = new Digest[entries.size()];
        IntStream.range(0, entries.size()).parallel()
                .forEach(i -> leafHashes[i] = entries.get(i).computeLeafHash());
        this.tree = MerkleTree.of(List.of(leafHashes));
        RecordKeys keys = document.header().keys();
        BlindVerificationKey ck = null;
        TreeHeadKey tk = null;
        String problem = null;
        try {
            ck = BlindVerificationKey.fromEncoded(BlindRsaVariant.fromId(keys.credentialVariant()),
                    keys.credentialKey());
        } catch (IllegalArgumentException e) {
            problem = "credential key: " + e.getMessage();
        }
        try {
            tk = TreeHeadKey.fromEncoded(keys.treeHeadKey());
        } catch (IllegalArgumentException e) {
            problem = (problem == null ? "" : problem + "; ") + "tree-head key: " + e.getMessage();
        }
        this.credentialKey = ck;
        this.treeHeadKey = tk;
        this.keyProblem = problem;
    }

    public static RecordFacts of(RecordDocument document) {
        return new RecordFacts(document);
    }

    public RecordDocument document() {
        return document;
    }

    public List<RecordEntry> entries() {
        return document.entries();
    }

    /** The leaf hash recomputed from entry {@code index}'s content. */
    public Digest leafHash(int index) {
        return leafHashes[index];
    }

    /** The tree over the recomputed leaf hashes. */
    public MerkleTree tree() {
        return tree;
    }

    /** Null if the published key is unusable; see {@link #keyProblem()}. */
    public BlindVerificationKey credentialKey() {
        return credentialKey;
    }

    /** Null if the published key is unusable; see {@link #keyProblem()}. */
    public TreeHeadKey treeHeadKey() {
        return treeHeadKey;
    }

    public String keyProblem() {
        return keyProblem;
    }

    /** How an entry is named in a report: its position and tracker. */
    public static String label(RecordEntry e) {
        return "entry " + e.seq() + " (" + e.tracker() + ")";
    }
}
