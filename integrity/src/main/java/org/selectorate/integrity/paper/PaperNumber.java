package org.selectorate.integrity.paper;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.selectorate.integrity.encoding.Crockford;
import org.selectorate.integrity.hash.Digest;

/**
 * The unguessable number printed on one ballot paper: 16 Crockford base32 symbols (80 random bits), read back as a
 * teller types it. Services keep only its {@link #digest()}: the number itself is on the paper, and nowhere beside
 * the member it was issued to.
 */
public final class PaperNumber {
    public static final int SYMBOLS = 16;
    private static final byte[] DOMAIN = "selectorate-paper-number:".getBytes(StandardCharsets.US_ASCII);

    private final String symbols;

    private PaperNumber(String symbols) {
        this.symbols = symbols;
    }

    public static PaperNumber random(SecureRandom random) {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        return new PaperNumber(Crockford.encode(bytes, SYMBOLS));
    }

    /** A number as typed (case, hyphens, spaces and look-alikes forgiven). */
    public static PaperNumber read(String typed) {
        String s = typed == null ? null : Crockford.readTyped(typed, SYMBOLS);
        if (s == null) {
            throw new IllegalArgumentException("a paper number is " + SYMBOLS + " letters and digits, e.g. "
                    + "7K3M-Q9TX-2WPD-H5RB");
        }
        return new PaperNumber(s);
    }

    /** As printed: four groups of four. */
    public String grouped() {
        return symbols.substring(0, 4) + "-" + symbols.substring(4, 8) + "-" + symbols.substring(8, 12) + "-"
                + symbols.substring(12);
    }

    /** SHA-256 (hex) of the number, domain-separated: what issued and used papers are known by. */
    public String digest() {
        return Digest.sha256(DOMAIN, symbols.getBytes(StandardCharsets.US_ASCII)).hex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaperNumber p && p.symbols.equals(symbols);
    }

    @Override
    public int hashCode() {
        return symbols.hashCode();
    }

    @Override
    public String toString() {
        return grouped();
    }
}
