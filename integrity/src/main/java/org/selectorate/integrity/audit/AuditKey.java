package org.selectorate.integrity.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Hex;
import org.selectorate.integrity.hash.Digest;

/**
 * A service's public Ed25519 audit key, published as base64url of its 32 raw bytes (RFC 8032). Verifies the signed
 * head after each entry of the service's audit chain.
 */
public final class AuditKey {
    /** DER SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410); the raw key follows. */
    private static final byte[] SPKI_PREFIX = Hex.decode("302a300506032b6570032100");
    private static final int RAW_LENGTH = 32;

    private final PublicKey key;
    private final byte[] raw;

    AuditKey(PublicKey key) {
        byte[] spki = key.getEncoded();
        this.key = key;
        this.raw = Arrays.copyOfRange(spki, spki.length - RAW_LENGTH, spki.length);
    }

    /** Reads a published key; anything but 32 bytes of base64url is refused. */
    public static AuditKey fromEncoded(String base64url) {
        byte[] raw = Base64Url.decode(base64url);
        if (raw.length != RAW_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, not " + raw.length);
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + RAW_LENGTH);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, RAW_LENGTH);
        try {
            return new AuditKey(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
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
