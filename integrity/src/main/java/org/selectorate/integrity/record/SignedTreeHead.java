package org.selectorate.integrity.record;

import java.util.List;

/**
 * A tree head with the base64url Ed25519 signature of its {@link TreeHead#signingBytes()}, and the RFC 9162
 * consistency proof (hex hashes) from the previous head of the record to this one (empty for the first).
 * The proof needs no signature: it either links the two signed roots or it does not.
 */
public record SignedTreeHead(TreeHead head, String signature, List<String> consistency) {
    public SignedTreeHead {
        consistency = List.copyOf(consistency);
    }

    public SignedTreeHead withConsistency(List<String> proof) {
        return new SignedTreeHead(head, signature, proof);
    }
}
