package org.selectorate.integrity.record;

import org.selectorate.integrity.blind.BlindVerificationKey;

/**
 * The ballot's public keys: the RFC 9474 credential key (variant and base64url SubjectPublicKeyInfo) and the
 * Ed25519 key that signs tree heads (base64url of the 32-byte raw key, RFC 8032).
 */
public record RecordKeys(String credentialVariant, String credentialKey, String treeHeadKey) {
    public static RecordKeys of(BlindVerificationKey credential, TreeHeadKey treeHead) {
        return new RecordKeys(credential.variant().id(), credential.encoded(), treeHead.encoded());
    }
}
