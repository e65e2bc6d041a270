package org.selectorate.integrity.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme: members sorted by UTF-16 code units, no whitespace, ECMAScript number
 * form, minimal string escaping, UTF-8. Everything this platform hashes or signs goes through here, so two
 * implementations (this one, a browser's) produce the same bytes for the same value.
 *
 * <p>Accepted values: {@code Map} with {@code String} keys, {@code Collection}, {@code String}, {@code Boolean},
 * {@code null}, and numbers ({@code Integer}, {@code Long} within ±2^53, {@code Double}, {@code Float}).
 */
public final class CanonicalJson {
    private static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /** The canonical text of a value. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder(256);
        append(sb, value);
        return sb.toString();
    }

    /** The canonical UTF-8 bytes of a value: what gets hashed or signed. */
    public static byte[] bytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses JSON text and returns its canonical text. */
    public static String canonicalize(String json) {
        return write(Json.parse(json));
    }

    private static void append(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String) {
            appendString(sb, (String) value);
        } else if (value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            appendInteger(sb, ((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            sb.append(Es6Number.format(((Number) value).doubleValue()));
        } else if (value instanceof Map) {
            appendObject(sb, (Map<?, ?>) value);
        } else if (value instanceof Collection) {
            sb.append('[');
            boolean first = true;
            for (Object item : (Collection<?>) value) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                append(sb, item);
            }
            sb.append(']');
        } else {
            throw new JsonException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void appendObject(StringBuilder sb, Map<?, ?> map) {
        List<String> names = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new JsonException("member names must be strings");
            }
            names.add((String) key);
        }
        names.sort(null); // String.compareTo orders by UTF-16 code units, as RFC 8785 §3.2.3 asks
        sb.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendString(sb, names.get(i));
            sb.append(':');
            append(sb, map.get(names.get(i)));
        }
        sb.append('}');
    }

    /**
     * Appends an integer as {@link #write} does. With {@link #appendString}, for writers of a value whose shape is
     * fixed (a record entry), which give its members in canonical order themselves rather than build a map.
     */
    public static void appendInteger(StringBuilder sb, long v) {
        if (Math.abs(v) > MAX_SAFE_INTEGER) {
            throw new JsonException("integer " + v + " is beyond 2^53 and would not survive a JSON reader");
        }
        sb.append(v);
    }

    /** Appends a string as {@link #write} does, quoted and escaped. */
    public static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        if (plain(s)) {
            // the usual case (hashes, tokens, signatures, names): nothing to escape, so copied whole
            sb.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            throw new JsonException("lone surrogate in string");
                        }
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    /** Whether {@code s} is written as it is: no control character, quote, backslash or surrogate. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
