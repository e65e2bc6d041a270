package org.selectorate.tally.record;

import java.util.List;
import java.util.Map;

/**
 * A voter's entry as recorded, with the RFC 9162 inclusion proof ({@code proof}: hex hashes, leaf to root) of
 * its leaf hash in the tree of the signed head. {@code leaf} is the entry as the record holds it without its leaf
 * hash, so a reader can hash it ({@code SHA-256(0x00 || JCS(leaf))}) and find the published {@code leafHash}.
 */
public record EntryView(String ballotId, String tracker, List<String> vote, String channel, long seq,
                        String leafHash, Map<String, Object> leaf, Head treeHead, List<String> proof) {

    /** The signed tree head the proof is against (verify with the record's Ed25519 key). */
    public record Head(long treeSize, String rootHash, String chainHash, String headerHash, String timestamp,
                       String signature) {
    }
}
