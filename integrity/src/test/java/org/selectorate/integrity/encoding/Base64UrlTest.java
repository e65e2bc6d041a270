package org.selectorate.integrity.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Base64url is read strictly: exactly the texts that encoding some bytes writes. */
class Base64UrlTest {
    private static final String SYMBOLS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void readsWhatItWritesAndOnlyThat() {
        Random random = new Random(7);
        for (int length = 0; length <= 9; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Base64Url.encode(bytes);
            assertArrayEquals(bytes, Base64Url.decode(text));
            if (text.isEmpty()) {
                continue;
            }
            // every last symbol the decoder takes: accepted exactly when encoding gives the same text back
            for (char last : SYMBOLS.toCharArray()) {
                String variant = text.substring(0, text.length() - 1) + last;
                byte[] decoded = Base64.getUrlDecoder().decode(variant);
                if (Base64Url.encode(decoded).equals(variant)) {
                    assertArrayEquals(decoded, Base64Url.decode(variant));
                } else {
                    assertEquals("non-canonical base64url", assertThrows(IllegalArgumentException.class,
                            () -> Base64Url.decode(variant)).getMessage(), variant);
                }
            }
        }
    }

    @Test
    void paddingOtherAlphabetsAndStrayLengthsAreRefused() {
        for (String text : new String[] {"AA==", "AAA=", "A+8", "A/8", "AAAAA", "AA A", "AA\n"}) {
            assertThrows(IllegalArgumentException.class, () -> Base64Url.decode(text), text);
        }
    }
}
