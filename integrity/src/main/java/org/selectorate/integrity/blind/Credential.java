package org.selectorate.integrity.blind;

import org.selectorate.integrity.encoding.Base64Url;

/**
 * A finalised blind signature as published: base64url of the RFC 9474 message prefix (randomized variant
 * only, else null) and of the RSASSA-PSS signature.
 */
public record Credential(String prefix, String signature) {
    public Credential {
        if (signature == null) {
            throw new IllegalArgumentException("a credential needs a signature");
        }
        Base64Url.decode(signature);
        if (prefix != null && Base64Url.decode(prefix).length != BlindRsaVariant.PREFIX_LENGTH) {
            throw new IllegalArgumentException("a message prefix is " + BlindRsaVariant.PREFIX_LENGTH + " bytes");
        }
    }

    static Credential of(byte[] prefix, byte[] signature) {
        return new Credential(prefix == null ? null : Base64Url.encode(prefix), Base64Url.encode(signature));
    }

    byte[] prefixBytes() {
        return prefix == null ? new byte[0] : Base64Url.decode(prefix);
    }

    byte[] signatureBytes() {
        return Base64Url.decode(signature);
    }
}
