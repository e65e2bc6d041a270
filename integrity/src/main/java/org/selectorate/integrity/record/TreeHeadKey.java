package org.selectorate.integrity.record;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.selectorate.integrity.encoding.Base64Url;
import org.selectorate.integrity.encoding.Hex;
import org.selectorate.integrity.hash.Digest;

/** The public Ed25519 key of a ballot's record, published as base64url of its 32 raw bytes (RFC 8032). */
public final class TreeHeadKey {
    /** DER SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410); the raw key follows. */
    private static final byte[] SPKI_PREFIX = Hex.decode("302a300506032b6570032100");
    private static final int RAW_LENGTH = 32;

    private final PublicKey key;
    private final byte[] raw;

    TreeHeadKey(PublicKey key) {
        byte[] spki = key.getEncoded();
        this.key = key;
        this.raw = java.util.Arrays.copyOfRange(spki, spki.length - RAW_LENGTH, spki.length);
    }

    public static TreeHeadKey fromEncoded(String base64url) {
        byte[] raw = Base64Url.decode(base64url);
        if (raw.length != RAW_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, not " + raw.length);
        }
        byte[] spki = new byte[SPKI_PREFIX.length + RAW_LENGTH];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, RAW_LENGTH);
        try {
            return new TreeHeadKey(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    public String encoded() {
        return Base64Url.encode(raw);
    }

    /** SHA-256 of the raw key, in hex. */
    public String fingerprint() {
        return Digest.sha256(raw).hex();
    }

    public boolean verify(SignedTreeHead signed) {
        try {
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(signed.head().signingBytes());
            return v.verify(Base64Url.decode(signed.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
