package org.selectorate.integrity.tracker;

import java.nio.charset.StandardCharsets;
import org.selectorate.integrity.blind.Token;
import org.selectorate.integrity.encoding.Crockford;
import org.selectorate.integrity.hash.Digest;
import org.selectorate.integrity.json.CanonicalJson;

/**
 * What a voter reads off the public record to find their vote: 16 Crockford base32 symbols in four groups
 * ("7K3M-Q9TD-2XHB-W4RN"), 80 bits of SHA-256 over the ballot id and the voter's random token. It is as
 * anonymous as the token (which the issuer never saw), and 80 bits make a clash within a ballot of 800,000
 * votes about 1 in 4 million million; the record builder and the verifier still refuse one.
 */
public record Tracker(String value) {
    public static final String SCHEMA = "selectorate-tracker/1";
    private static final int SYMBOLS = 16;
    private static final int GROUP = 4;

    public Tracker {
        if (value.isEmpty() || !value.equals(normalise(value))) {
            throw new IllegalArgumentException("not a tracker: " + value);
        }
    }

    /** The tracker of an online vote: from JCS({"ballot":id,"schema":SCHEMA,"token":token}). */
    public static Tracker forToken(String ballotId, Token token) {
        // written member by member in canonical order: a verifier derives a tracker for every entry
        StringBuilder sb = new StringBuilder(128).append("{\"ballot\":");
        CanonicalJson.appendString(sb, ballotId);
        sb.append(",\"schema\":\"").append(SCHEMA).append("\",\"token\":");
        CanonicalJson.appendString(sb, token.encoded());
        return derive(sb.append('}'));
    }

    /**
     * The tracker of a paper vote, line {@code item} of paper batch {@code batch}: from
     * JCS({"ballot":id,"batch":batch,"item":item,"schema":SCHEMA}).
     */
    public static Tracker forPaper(String ballotId, String batch, long item) {
        StringBuilder sb = new StringBuilder(128).append("{\"ballot\":");
        CanonicalJson.appendString(sb, ballotId);
        sb.append(",\"batch\":");
        CanonicalJson.appendString(sb, batch);
        sb.append(",\"item\":");
        CanonicalJson.appendInteger(sb, item);
        sb.append(",\"schema\":\"").append(SCHEMA).append("\"}");
        return derive(sb);
    }

    /** Reads a tracker as a person may type it: any case, with or without hyphens or spaces, O for 0, I/L for 1. */
    public static Tracker parse(String typed) {
        String value = normalise(typed);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("not a tracker: " + typed);
        }
        return new Tracker(value);
    }

    private static Tracker derive(CharSequence canonical) {
        byte[] hash = Digest.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)).toBytes();
        return new Tracker(group(Crockford.encode(hash, SYMBOLS)));
    }

    private static String normalise(String typed) {
        StringBuilder symbols = new StringBuilder(SYMBOLS);
        for (char c : typed.toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char n = Crockford.normalise(c);
            if (n == (char) -1) {
                return "";
            }
            symbols.append(n);
        }
        return symbols.length() == SYMBOLS ? group(symbols.toString()) : "";
    }

    private static String group(String symbols) {
        StringBuilder sb = new StringBuilder(SYMBOLS + SYMBOLS / GROUP);
        for (int i = 0; i < SYMBOLS; i += GROUP) {
            if (i > 0) {
                sb.append('-');
            }
            sb.append(symbols, i, i + GROUP);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
