package org.selectorate.integrity.encoding;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 public keys as they are published: base64url of the 32 raw bytes (RFC 8032), not Java's DER encoding,
 * so any verifier can read them without an ASN.1 library.
 */
public final class Ed25519Keys {
    /** DER SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410); the raw key follows. */
    private static final byte[] SPKI_PREFIX = Hex.decode("302a300506032b6570032100");
    private static final int RAW_LENGTH = 32;

    private Ed25519Keys() {
    }

    /** The key's 32 raw bytes. */
    public static byte[] raw(PublicKey key) {
        byte[] spki = key.getEncoded();
        return Arrays.copyOfRange(spki, spki.length - RAW_LENGTH, spki.length);
    }

    /** Reads a published key; anything but 32 bytes of base64url is refused. */
    public static PublicKey decode(String base64url) {
        byte[] raw = Base64Url.decode(base64url);
        if (raw.length != RAW_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, not " + raw.length);
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + RAW_LENGTH);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, RAW_LENGTH);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }
}
