package org.selectorate.notification.member;

import org.selectorate.integrity.encoding.Crockford;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What routes a receipt: hex SHA-256 of the ballot id and the access code's 16 symbols. The code has 80 random
 * bits, so the hash cannot be turned back into it; only someone holding the code can name the alert.
 */
public final class ReceiptKeys {
    private static final int SYMBOLS = 16;

    private ReceiptKeys() {
    }

    /** The code as typed: case, hyphens, spaces and look-alikes forgiven (as ballot-service reads it); null if none. */
    public static String normalise(String typed) {
        return Crockford.readTyped(typed, SYMBOLS);
    }

    public static String hash(String ballotId, String normalisedCode) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ballotId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(normalisedCode.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
