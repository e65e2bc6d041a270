package org.selectorate.tally.record;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * A voter's entry as recorded, with the RFC 9162 inclusion proof ({@code proof}: hex hashes, leaf to root) of
 * its leaf hash in the tree of the signed head. {@code leaf} is the entry as the record holds it without its leaf
 * hash, so a reader can hash it ({@code SHA-256(0x00 || JCS(leaf))}) and find the published {@code leafHash}.
 */
public record EntryView(@Schema(example = RecordExamples.BALLOT_ID) String ballotId,
                        @Schema(example = RecordExamples.TRACKER) String tracker,
                        @Schema(example = RecordExamples.VOTE) List<String> vote,
                        @Schema(example = "online") String channel,
                        @Schema(example = "341") long seq,
                        @Schema(example = RecordExamples.LEAF_HASH) String leafHash,
                        @Schema(example = RecordExamples.LEAF) Map<String, Object> leaf,
                        Head treeHead,
                        @Schema(example = RecordExamples.PROOF) List<String> proof) {

    /** The signed tree head the proof is against (verify with the record's Ed25519 key). */
    public record Head(@Schema(example = RecordExamples.TREE_SIZE) long treeSize,
                       @Schema(example = RecordExamples.ROOT_HASH) String rootHash,
                       @Schema(example = RecordExamples.CHAIN_HASH) String chainHash,
                       @Schema(example = RecordExamples.HEADER_HASH) String headerHash,
                       @Schema(example = RecordExamples.TIMESTAMP) String timestamp,
                       @Schema(example = RecordExamples.HEAD_SIGNATURE) String signature) {
    }
}
