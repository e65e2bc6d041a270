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
        if (!encode(bytes).equals(text)) {
            throw new IllegalArgumentException("non-canonical base64url");
        }
        return bytes;
    }
}
