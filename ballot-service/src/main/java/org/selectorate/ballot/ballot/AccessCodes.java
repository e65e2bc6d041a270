package org.selectorate.ballot.ballot;

import org.selectorate.integrity.encoding.Crockford;
import org.selectorate.integrity.hash.Digest;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * One-time access codes: 16 Crockford base32 symbols (80 random bits), printed in groups of four. Only a code's
 * SHA-256 is stored; the code itself is never logged.
 */
public final class AccessCodes {
    public static final int SYMBOLS = 16;

    private AccessCodes() {
    }

    /** A fresh code as a member reads it, e.g. {@code 7K3M-Q9XB-2HRT-V0PD}. */
    public static String generate(SecureRandom random) {
        byte[] bits = new byte[SYMBOLS * 5 / 8];
        random.nextBytes(bits);
        String symbols = Crockford.encode(bits, SYMBOLS);
        return String.join("-", symbols.substring(0, 4), symbols.substring(4, 8), symbols.substring(8, 12),
                symbols.substring(12));
    }

    /**
     * The code as typed back, reduced to its 16 symbols: case, hyphens, spaces and the look-alikes I, L and O are
     * forgiven. Null if it cannot be a code.
     */
    public static String normalise(String typed) {
        return Crockford.readTyped(typed, SYMBOLS);
    }

    /** What is stored and looked up: hex SHA-256 of the normalised symbols. */
    public static String hash(String normalised) {
        return Digest.sha256(normalised.getBytes(StandardCharsets.US_ASCII)).hex();
    }
}
