package org.selectorate.tally.record;

import java.util.List;

/**
 * A voter's entry as recorded, with the RFC 9162 inclusion proof ({@code proof}: hex hashes, leaf to root) of
 * its leaf hash in the tree of the signed head.
 */
public record EntryView(String ballotId, String tracker, List<String> vote, String channel, long seq,
                        String leafHash, Head treeHead, List<String> proof) {

    /** The signed tree head the proof is against (verify with the record's Ed25519 key). */
    public record Head(long treeSize, String rootHash, String chainHash, String headerHash, String timestamp,
                       String signature) {
    }
}
