package org.selectorate.integrity.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON (RFC 8259, I-JSON rules of RFC 7493) into plain Java values: {@code Map<String,Object>} (insertion
 * order kept), {@code List<Object>}, {@code String}, {@code Long} (integers that fit exactly in a double),
 * {@code Double}, {@code Boolean} and {@code null}. Duplicate member names, lone surrogates, leading zeros, control
 * characters in strings, nesting deeper than {@value #MAX_DEPTH} and trailing data are refused, because a signed
 * document must mean exactly one thing. jackson-core's streaming parser reads the text, so a large document can
 * also be read one value at a time ({@link #parser(InputStream)}, {@link #read(JsonParser)}).
 */
public final class Json {
    private static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L; // 2^53 - 1
    static final int MAX_DEPTH = 256;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private Json() {
    }

    /** Parses one JSON text; containers come back unmodifiable. */
    public static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            p.nextToken();
            Object value = read(p);
            end(p);
            return value;
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /**
     * A strict parser over UTF-8 bytes, for reading a document value by value; {@link #read} a value at the
     * current token, {@link #end} to insist nothing follows the document.
     */
    public static JsonParser parser(InputStream in) {
        try {
            return FACTORY.createParser(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The value starting at the parser's current token, as {@link #parse} returns it; the parser is left on the
     * value's last token.
     *
     * @throws JsonException if the input is not strict JSON
     * @throws IOException   if the input cannot be read
     */
    public static Object read(JsonParser p) throws IOException {
        try {
            return value(p);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw notJson(e);
        }
    }

    /** Refuses anything after the document's last token. */
    public static void end(JsonParser p) throws IOException {
        try {
            if (p.nextToken() != null) {
                throw new JsonException("trailing data at offset " + p.currentTokenLocation().getCharOffset());
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw notJson(e);
        }
    }

    /** A complaint from the parser as this package's exception, its message without jackson's source excerpt. */
    public static JsonException notJson(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JacksonException j) {
            String where = j.getLocation() == null ? "" : " at offset " + Math.max(j.getLocation().getCharOffset(),
                    j.getLocation().getByteOffset());
            return new JsonException(j.getOriginalMessage() + where);
        }
        return new JsonException(e.getMessage());
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new JsonException("unexpected end of input");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    checkSurrogates(name);
                    p.nextToken();
                    map.put(name, value(p));
                }
                return Collections.unmodifiableMap(map);
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                return Collections.unmodifiableList(list);
            }
            case VALUE_STRING:
                return checkSurrogates(p.getText());
            case VALUE_NUMBER_INT:
                return number(p.getText(), true);
            case VALUE_NUMBER_FLOAT:
                return number(p.getText(), false);
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonException("unexpected " + t + " at offset " + p.currentTokenLocation().getCharOffset());
        }
    }

    /** Integers exact in a double stay Long; anything else is the nearest double, and beyond double is refused. */
    private static Object number(String s, boolean integral) {
        if (integral && s.length() <= 16) {
            long v = Long.parseLong(s);
            if (Math.abs(v) <= MAX_SAFE_INTEGER) {
                return v;
            }
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw new JsonException("number out of range: " + s);
        }
        return d;
    }

    /** jackson decodes \\uD800 escapes as they come; a lone surrogate has no UTF-8 form and no canonical one. */
    private static String checkSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new JsonException("lone surrogate in string");
            }
        }
        return s;
    }
}
