package org.selectorate.integrity.audit;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Ed25519Keys;
import org.selectorate.integrity.hash.Digest;

/**
 * A service's public Ed25519 audit key, published as base64url of its 32 raw bytes (RFC 8032). Verifies the signed
 * head after each entry of the service's audit chain.
 */
public final class AuditKey {
    private final PublicKey key;
    private final byte[] raw;

    AuditKey(PublicKey key) {
        this.key = key;
        this.raw = Ed25519Keys.raw(key);
    }

    /** Reads a published key; anything but 32 bytes of base64url is refused. */
    public static AuditKey fromEncoded(String base64url) {
        return new AuditKey(Ed25519Keys.decode(base64url));
    }

    public String encoded() {
        return Base64Url.encode(raw);
    }

    /** SHA-256 of the raw key, in hex: what a reader pins. */
    public String fingerprint() {
        return Digest.sha256(raw).hex();
    }

    /** True if {@code signature} (base64url) signs the head {@code (service, seq, hash)} under this key. */
    public boolean verify(String service, long seq, String hash, String signature) {
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(AuditHead.signingBytes(service, seq, hash));
            return v.verify(Base64Url.decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditKey && Arrays.equals(raw, ((AuditKey) o).raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return encoded();
    }
}
