package org.selectorate.integrity.encoding;

/** Crockford's base32 (no I, L, O, U): easy to read aloud and to type back, case-insensitive. */
public final class Crockford {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private Crockford() {
    }

    /** The first {@code symbols} symbols (5 bits each, most significant first) of {@code bytes}. */
    public static String encode(byte[] bytes, int symbols) {
        if (symbols * 5 > bytes.length * 8) {
            throw new IllegalArgumentException("not enough bytes for " + symbols + " symbols");
        }
        StringBuilder sb = new StringBuilder(symbols);
        for (int i = 0; i < symbols; i++) {
            int bit = i * 5;
            int twoBytes = ((bytes[bit / 8] & 0xff) << 8) | (bit / 8 + 1 < bytes.length ? bytes[bit / 8 + 1] & 0xff : 0);
            sb.append(ALPHABET.charAt((twoBytes >> (11 - bit % 8)) & 0x1f));
        }
        return sb.toString();
    }

    /** Upper-cases and maps the look-alikes a person may type (I, L to 1; O to 0); -1 if not a symbol. */
    public static char normalise(char c) {
        char u = Character.toUpperCase(c);
        if (u == 'I' || u == 'L') {
            return '1';
        }
        if (u == 'O') {
            return '0';
        }
        return ALPHABET.indexOf(u) >= 0 ? u : (char) -1;
    }

    /**
     * A code as a person typed it back, reduced to its {@code symbols} symbols: case, hyphens, spaces and the
     * look-alikes I, L and O are forgiven. Null if it cannot be such a code.
     */
    public static String readTyped(String typed, int symbols) {
        if (typed == null || typed.length() > 4 * symbols) {
            return null;
        }
        StringBuilder sb = new StringBuilder(symbols);
        for (char c : typed.toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char symbol = normalise(c);
            if (symbol == (char) -1) {
                return null;
            }
            sb.append(symbol);
        }
        return sb.length() == symbols ? sb.toString() : null;
    }
}
