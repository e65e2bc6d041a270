package org.selectorate.integrity.blind;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.selectorate.integrity.encoding.Base64Url;

/**
 * The voter's secret: 32 random bytes chosen on the voter's device. The issuer signs it blind, so it links to
 * no member; the record publishes it with the vote so anyone can check the signature and that it is used once.
 */
public final class Token {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private Token(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Token random(SecureRandom random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new Token(b);
    }

    /** Reads the base64url form; anything but 32 bytes is refused. */
    public static Token fromEncoded(String base64url) {
        byte[] b = Base64Url.decode(base64url);
        if (b.length != LENGTH) {
            throw new IllegalArgumentException("a token is " + LENGTH + " bytes, not " + b.length);
        }
        return new Token(b);
    }

    /** The 32 bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The base64url form written in the record. */
    public String encoded() {
        return Base64Url.encode(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Token && MessageDigest.isEqual(bytes, ((Token) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return encoded();
    }
}
