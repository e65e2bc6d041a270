package org.selectorate.integrity.encoding;

import java.util.Base64;

/** Base64url without padding (RFC 4648 §5): the record's form for keys, signatures and tokens. */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /** Decodes strictly: padding, whitespace and the standard alphabet's '+' and '/' are refused. */
    public static byte[] decode(String text) {
        if (text.indexOf('=') >= 0) {
            throw new IllegalArgumentException("base64url must not be padded");
        }
        byte[] bytes = DECODER.decode(text);
        if (!canonical(text)) {
            throw new IllegalArgumentException("non-canonical base64url");
        }
        return bytes;
    }

    /**
     * Whether decoded text is what encoding its bytes gives back: the bits of its last symbol past the last whole
     * byte, which the decoder ignores, are zero (checked here rather than by encoding again, as a verifier decodes
     * several values an entry).
     */
    private static boolean canonical(String text) {
        int partial = text.length() % 4; // 2 symbols for a last lone byte, 3 for a last two; 1 the decoder refuses
        if (partial == 0) {
            return true;
        }
        char c = text.charAt(text.length() - 1);
        int value = c >= 'a' ? c - 'a' + 26 : c >= 'A' ? c - 'A' : c >= '0' && c <= '9' ? c - '0' + 52 : c == '-' ? 62
                : 63;
        return (value & (partial == 2 ? 0x0f : 0x03)) == 0;
    }
}
